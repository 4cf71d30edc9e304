import type { PublishEntry, Relay } from '@rs/db';
import type { RoundModels } from '../adapters/mongo/round.model';
import type { ReplyWindow } from '../domain/deadline';

/** What the use cases need; built once in main.ts. */
export interface BroadcastDeps {
  models: RoundModels;
  now: () => Date;
  newId: () => string;
  window: ReplyWindow;
  addWorkingSeconds: (start: Date, seconds: number) => Date;
  /** Seconds before the deadline at which a silent recipient is reminded, e.g. [86400, 14400]. */
  reminderOffsets: number[];
  relay: Pick<Relay, 'handoff'>;
  /** Publishes now with a confirm (for messages that change no state, e.g. reminders). */
  publish: (entry: PublishEntry) => Promise<void>;
  /** Whether the lead's cooperation opens the next wider round by itself (R7 policy). */
  autoEscalate: (leadJobcentre: number) => boolean;
  /** Removes a recipient's pending timers; best effort, handlers never rely on it. */
  cancelTimers: (roundId: string, recipient: number) => Promise<void>;
}

export const SOURCE = '/services/broadcast';
