import type { z } from 'zod';
import type { OrderSummary, ProposedCandidate, ScopeId } from '@rs/contracts';

/**
 * A broadcast round as pure data: a group of recipient jobcentres that must all answer by a
 * deadline (R6). Adapters load it, ask `decide` what a command means, store the events'
 * effect (`evolve`) together with the messages they cause.
 */
export interface Round {
  id: string;
  orderId: string;
  leadJobcentre: number;
  scope: ScopeId;
  order: z.infer<typeof OrderSummary>;
  openedAt: string;
  deadline: string;
  status: 'open' | 'complete';
  completedAt?: string;
  recipients: RecipientState[];
}

export type Candidate = z.infer<typeof ProposedCandidate>;

export interface RecipientState {
  jobcentre: number;
  status: 'pending' | 'replied' | 'overdue';
  answer?: 'candidates' | 'none';
  candidates?: Candidate[];
  repliedAt?: string;
  late?: boolean;
}

export type RoundCommand =
  | { type: 'RecordReply'; recipient: number; answer: 'candidates' | 'none'; candidates: Candidate[]; now: Date }
  | { type: 'DeadlineReached'; recipient: number; now: Date };

export type RoundEvent =
  | { type: 'ReplyRecorded'; recipient: number; answer: 'candidates' | 'none'; candidates: Candidate[]; late: boolean; at: string }
  | { type: 'RecipientOverdue'; recipient: number; at: string }
  | { type: 'RoundCompleted'; at: string };

/** A command that can never apply to this round (e.g. a reply from a jobcentre that was not asked). */
export class RoundRuleViolation extends Error {
  constructor(
    readonly rule: 'not-a-recipient',
    message: string,
  ) {
    super(message);
    this.name = 'RoundRuleViolation';
  }
}

export interface OpenRoundInput {
  id: string;
  orderId: string;
  leadJobcentre: number;
  scope: ScopeId;
  order: z.infer<typeof OrderSummary>;
  recipients: number[];
  openedAt: Date;
  deadline: Date;
}

export function openRound(input: OpenRoundInput): Round {
  if (input.recipients.includes(input.leadJobcentre)) throw new Error('the lead jobcentre is never a recipient');
  return {
    id: input.id,
    orderId: input.orderId,
    leadJobcentre: input.leadJobcentre,
    scope: input.scope,
    order: input.order,
    openedAt: input.openedAt.toISOString(),
    deadline: input.deadline.toISOString(),
    status: input.recipients.length === 0 ? 'complete' : 'open',
    recipients: input.recipients.map((jobcentre) => ({ jobcentre, status: 'pending' })),
  };
}

/**
 * What a command means for the round. Returns no events for what changes nothing: a second
 * reply from the same jobcentre, a deadline that fires for someone who replied, or fires early.
 */
export function decide(command: RoundCommand, round: Round): RoundEvent[] {
  const recipient = round.recipients.find((r) => r.jobcentre === command.recipient);
  if (!recipient) {
    throw new RoundRuleViolation('not-a-recipient', `jobcentre ${command.recipient} is not a recipient of round ${round.id}`);
  }
  const at = command.now.toISOString();
  const events: RoundEvent[] = [];
  switch (command.type) {
    case 'RecordReply': {
      if (recipient.status === 'replied') return [];
      const late = command.now.getTime() > Date.parse(round.deadline);
      events.push({
        type: 'ReplyRecorded',
        recipient: recipient.jobcentre,
        answer: command.answer,
        candidates: command.candidates,
        late,
        at,
      });
      break;
    }
    case 'DeadlineReached': {
      if (recipient.status !== 'pending') return [];
      if (command.now.getTime() < Date.parse(round.deadline)) return [];
      events.push({ type: 'RecipientOverdue', recipient: recipient.jobcentre, at });
      break;
    }
    default: {
      const unhandled: never = command;
      throw new Error(`unhandled command ${JSON.stringify(unhandled)}`);
    }
  }
  const after = events.reduce(evolve, round);
  if (round.status === 'open' && after.recipients.every((r) => r.status !== 'pending')) {
    events.push({ type: 'RoundCompleted', at });
  }
  return events;
}

export function evolve(round: Round, event: RoundEvent): Round {
  switch (event.type) {
    case 'ReplyRecorded':
      return {
        ...round,
        recipients: round.recipients.map((r) =>
          r.jobcentre === event.recipient
            ? { ...r, status: 'replied', answer: event.answer, candidates: event.candidates, repliedAt: event.at, late: event.late }
            : r,
        ),
      };
    case 'RecipientOverdue':
      return {
        ...round,
        recipients: round.recipients.map((r) => (r.jobcentre === event.recipient ? { ...r, status: 'overdue' } : r)),
      };
    case 'RoundCompleted':
      return { ...round, status: 'complete', completedAt: event.at };
    default: {
      const unhandled: never = event;
      throw new Error(`unhandled event ${JSON.stringify(unhandled)}`);
    }
  }
}

export function summarise(round: Round) {
  const replied = round.recipients.filter((r) => r.status === 'replied').map((r) => r.jobcentre);
  const overdue = round.recipients.filter((r) => r.status === 'overdue').map((r) => r.jobcentre);
  const pending = round.recipients.filter((r) => r.status === 'pending').map((r) => r.jobcentre);
  const candidateCount = round.recipients.reduce((n, r) => n + (r.candidates?.length ?? 0), 0);
  return { replied, overdue, pending, candidateCount };
}
