import type { Actor } from './access';

import { CALL_NEEDS, CALL_OUTCOMES, type CallNeed, type CallOutcome } from '@rs/contracts';

// In contracts: the web front has a text for each value.
export { CALL_NEEDS, CALL_OUTCOMES, type CallNeed, type CallOutcome };

/** An inbound call on the shared phone line (R2), recorded by an operator or by the telephony system. */
export interface Call {
  id: string;
  reference: string;
  receivedAt: string;
  recordedAt: string;
  /** The operator (token sub), or `telephony` for the webhook. */
  recordedBy: string;
  source: 'operator' | 'telephony';
  caller: { name?: string | undefined; phone?: string | undefined; role?: string | undefined };
  /** The company, when known: the lead follows from it. */
  company?: { id: string; cvr: string; name: string } | undefined;
  need: CallNeed;
  note: string;
  outcome: CallOutcome;
  orderId?: string | undefined;
  /** R1: the company's lead jobcentre, who takes it from here. */
  routedTo?: number | undefined;
  cooperation: string | null;
  /** The telephony system's own id of the call (webhook): the same call delivered twice is one record. */
  telephonyCallId?: string | undefined;
  /** For a call recorded under an Idempotency-Key: its request's hash, to tell a retry from a reuse. */
  requestHash?: string | undefined;
  /** A logged call completed later (a new order or attached): when, by whom, and the request's hash (a retry is not a second resolution). */
  resolvedAt?: string | undefined;
  resolvedBy?: string | undefined;
  resolutionHash?: string | undefined;
}

/** Who records calls: the phone line's operators and admins. */
export function mayRecordCall(actor: Actor): boolean {
  return actor.role === 'phone-line' || actor.role === 'admin';
}

/** Who reads the call log: the phone line and admins all; a jobcentre the calls routed to it; a secretariat its cooperation's. */
export function callListFilter(actor: Actor): { routedTo?: number; cooperation?: string } | undefined {
  switch (actor.role) {
    case 'admin':
    case 'phone-line':
      return {};
    case 'jobcentre':
      return { routedTo: actor.jobcentre };
    case 'secretariat':
      return { cooperation: actor.cooperation };
    case 'onboarding':
      return undefined;
  }
}

export function mayReadCall(actor: Actor, call: Pick<Call, 'routedTo' | 'cooperation'>): boolean {
  const filter = callListFilter(actor);
  if (!filter) return false;
  if (filter.routedTo !== undefined && call.routedTo !== filter.routedTo) return false;
  if (filter.cooperation !== undefined && call.cooperation !== filter.cooperation) return false;
  return true;
}
