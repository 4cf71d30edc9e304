import type { Principal } from '@rs/service-kit';

/** A demo user: signs in with `username` and DEMO_PASSWORD; the principal goes into its tokens. */
export interface DemoUser {
  username: string;
  name: string;
  principal: Principal;
}

/** Development and test only: every demo user has this password. */
export const DEMO_PASSWORD = 'demo';

const consultant = (username: string, name: string, jobcentre: number): DemoUser => ({
  username,
  name,
  principal: { role: 'jobcentre', sub: username, jobcentre },
});

/** One user per role, and consultants of several HRS jobcentres (Tårnby also serves Dragør). */
export const DEMO_USERS: readonly DemoUser[] = [
  { username: 'operator', name: 'Olivia Operatør', principal: { role: 'phone-line', sub: 'operator' } },
  consultant('kobenhavn', 'Karen København (101)', 101),
  consultant('taarnby', 'Tobias Tårnby (185)', 185),
  consultant('frederiksberg', 'Frida Frederiksberg (147)', 147),
  consultant('hvidovre', 'Henrik Hvidovre (167)', 167),
  { username: 'sekretariat', name: 'Sara Sekretariat (HRS)', principal: { role: 'secretariat', sub: 'sekretariat', cooperation: 'HRS' } },
  { username: 'indslusning', name: 'Ida Indslusning (HRS)', principal: { role: 'onboarding', sub: 'indslusning', cooperation: 'HRS' } },
  { username: 'admin', name: 'Anders Admin', principal: { role: 'admin', sub: 'admin' } },
];

export const demoUser = (username: string): DemoUser | undefined => DEMO_USERS.find((u) => u.username === username);

/** The claims a principal puts into an access token (the APIs' default claim names). */
export function principalClaims(principal: Principal): Record<string, string | number> {
  const { sub: _sub, ...claims } = principal;
  return claims;
}

/** `connector-<code>` → the jobcentre code, or undefined for any other client. */
export function connectorJobcentre(clientId: string): number | undefined {
  const match = /^connector-(\d{3})$/.exec(clientId);
  return match ? Number(match[1]) : undefined;
}
