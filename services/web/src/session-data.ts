import type { Principal } from '@rs/service-kit';
import 'express-session';

declare module 'express-session' {
  interface SessionData {
    /** Set at sign-in: the session ends this long after, however active (absolute timeout). */
    startedAt?: number;
    /**
     * The user's last request other than a poll (ms since epoch): the idle timeout runs from it, so
     * a board left open and polling every second still ends the session.
     */
    lastActivity?: number;
    accessToken?: string;
    /** When the access token ends (ms since epoch): the session ends with it. */
    accessTokenExpiresAt?: number;
    idToken?: string;
    principal?: Principal;
    name?: string;
    /** The synchronizer token every form carries. */
    csrf?: string;
    /** Between the redirect to the provider and its callback. */
    pending?: { state: string; verifier: string; returnTo: string };
    lang?: 'da' | 'en';
    /** One-shot message for the next page (key of the catalogue). */
    flash?: { kind: 'success' | 'error' | 'info'; key: string };
  }
}
