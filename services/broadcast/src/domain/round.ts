import type { z } from 'zod';
import type { OrderSummary, ProposedCandidate, ScopeId, ShortlistCandidate } from '@rs/contracts';
import { nextScope } from '@rs/reference-data';

/**
 * A broadcast round as pure data: a group of recipient jobcentres that must all answer by a
 * deadline (R6). Adapters load it, ask `decide` what a command means, store the events'
 * effect (`evolve`) together with the messages they cause.
 */
export interface Round {
  id: string;
  orderId: string;
  leadJobcentre: number;
  /** When the lead took over by a handover (order.lead-changed); absent while the first lead leads. */
  leadSince?: string;
  scope: ScopeId;
  order: z.infer<typeof OrderSummary>;
  openedAt: string;
  deadline: string;
  /** open → complete (everyone replied or is overdue) → closed (order filled/cancelled/unfilled). */
  status: 'open' | 'complete' | 'closed';
  completedAt?: string;
  closedAt?: string;
  closeReason?: CloseReason;
  recipients: RecipientState[];
  /** Whether matching's shortlists went out (in the opening messages or after). */
  shortlistsDelivered?: boolean;
  /** The ranking (its rankedAt) whose lists the round's recipients have: each version goes once, older ones never. */
  shortlistVersion?: string;
  /** The company agreed that jobcentres without qualified candidates need not reply (R6): silence at the deadline is "none". */
  silenceMeansNone?: boolean;
  /**
   * Where the round's secretariat notices go: the lead's cooperation's secretariat as it was when
   * the round opened (fixed then, like the recipients: a later change of the cooperation never
   * alters an open round). Absent when its policy asks for none.
   */
  secretariat?: { jobcentre: number; cooperation: string };
}

/** Matching's suggestions for an order: per jobcentre, its own candidates. */
export type Shortlists = ReadonlyMap<number, ShortlistCandidate[]>;

export type Candidate = z.infer<typeof ProposedCandidate>;
export type CloseReason = 'filled' | 'cancelled' | 'unfilled';

export interface RecipientState {
  jobcentre: number;
  status: 'pending' | 'replied' | 'overdue';
  answer?: 'candidates' | 'none';
  candidates?: Candidate[];
  repliedAt?: string;
  late?: boolean;
  /** "None" recorded from silence at the deadline (silenceMeansNone), not a reply the jobcentre gave. */
  implied?: boolean;
  /** A digest of the shortlist this recipient was sent (not the candidates: erasure need not look here). */
  shortlistDigest?: string;
}

export type RoundCommand =
  | { type: 'RecordReply'; recipient: number; answer: 'candidates' | 'none'; candidates: Candidate[]; now: Date }
  /** The round's deadline timer fired: it is the round's, not a recipient's. */
  | { type: 'DeadlineReached'; now: Date }
  | { type: 'Close'; reason: CloseReason; now: Date }
  /** `version`: the ranking's rankedAt; a newer ranking replaces the lists, an older one is ignored. */
  | { type: 'DeliverShortlists'; shortlists: Shortlists; version: string; now: Date }
  | { type: 'WithdrawCandidate'; jobcentre: number; candidateRef: string; hiredFor: string; now: Date }
  /** The order's lead handed it over (order.lead-changed at `changedAt`). */
  | { type: 'HandOver'; to: number; changedAt: string; now: Date };

export type RoundEvent =
  | {
      type: 'ReplyRecorded';
      recipient: number;
      answer: 'candidates' | 'none';
      candidates: Candidate[];
      late: boolean;
      amended: boolean;
      at: string;
      /** Recorded from silence at the deadline (silenceMeansNone): no reply was given. */
      implied?: boolean;
    }
  | { type: 'RecipientOverdue'; recipient: number; at: string }
  | { type: 'RoundCompleted'; at: string }
  | { type: 'RoundClosed'; reason: CloseReason; withdrawnFrom: number[]; at: string }
  | {
      type: 'ShortlistsDelivered';
      version: string;
      to: { recipient: number; shortlist: ShortlistCandidate[] }[];
      /** Every pending recipient whose list changed (an emptied list too: it is not sent, but it changed). */
      digests: { recipient: number; digest: string }[];
      at: string;
    }
  | { type: 'CandidateWithdrawn'; recipient: number; candidateRef: string; hiredFor: string; at: string }
  | { type: 'LeadChanged'; from: number; to: number; at: string };

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
  /** Known at the opening: each recipient's own list goes into its broadcast message. */
  shortlists?: Shortlists;
  /** The ranking those lists are from (its rankedAt). */
  shortlistVersion?: string;
  /** From the order (its company's recruitment agreement): silence at the deadline counts as "none". */
  silenceMeansNone?: boolean;
  /** The secretariat that gets the round's notices (see Round.secretariat). */
  secretariat?: { jobcentre: number; cooperation: string };
}

/** Round ids are `<orderId>-<seq>`, seq counting from 1 without gaps. */
export function roundId(orderId: string, seq: number): string {
  return `${orderId}-${seq}`;
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
    recipients: input.recipients.map((jobcentre) => {
      const own = shortlistFor(input.shortlists, jobcentre);
      return { jobcentre, status: 'pending', ...(own.length > 0 ? { shortlistDigest: shortlistDigest(own) } : {}) };
    }),
    shortlistsDelivered: input.shortlists !== undefined,
    ...(input.shortlists !== undefined && input.shortlistVersion ? { shortlistVersion: input.shortlistVersion } : {}),
    ...(input.silenceMeansNone ? { silenceMeansNone: true } : {}),
    ...(input.secretariat ? { secretariat: input.secretariat } : {}),
  };
}

/**
 * Whether a handover at `changedAt` is newer than the lead's own: a redelivered or an older
 * handover arriving late changes nothing (handovers are ordered by their time, not by arrival).
 */
export function followsHandover(current: { leadSince?: string | undefined }, changedAt: string): boolean {
  return current.leadSince === undefined || Date.parse(changedAt) > Date.parse(current.leadSince);
}

/**
 * A short fingerprint of a shortlist (FNV-1a over its JSON), to tell whether a newer ranking
 * changed a recipient's list without keeping its candidates in the round.
 */
export function shortlistDigest(list: readonly ShortlistCandidate[]): string {
  let hash = 0x811c9dc5;
  const text = JSON.stringify(list);
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return `${hash.toString(36)}-${text.length.toString(36)}`;
}

const EMPTY_DIGEST = shortlistDigest([]);

/** A recipient's own shortlist, never another jobcentre's; empty when matching suggested none. */
export function shortlistFor(shortlists: Shortlists | undefined, recipient: number): ShortlistCandidate[] {
  return shortlists?.get(recipient) ?? [];
}

/**
 * What a command means for the round. Returns no events for what changes nothing: a repeated
 * identical reply, a deadline that fires for someone who replied or fires early, anything after
 * the round was closed.
 */
export function decide(command: RoundCommand, round: Round): RoundEvent[] {
  const at = command.now.toISOString();
  if (command.type === 'Close') {
    if (round.status === 'closed') return [];
    const withdrawnFrom = round.recipients.filter((r) => r.status !== 'replied').map((r) => r.jobcentre);
    return [{ type: 'RoundClosed', reason: command.reason, withdrawnFrom, at }];
  }
  if (command.type === 'DeliverShortlists') {
    // Late suggestions help only while recipients are still searching.
    if (round.status !== 'open') return [];
    if (round.shortlistVersion !== undefined) {
      if (!(Date.parse(command.version) > Date.parse(round.shortlistVersion))) return [];
    } else if (round.shortlistsDelivered) {
      // Delivered before rounds knew the ranking's version: which list went out is unknown, so
      // nothing is sent again rather than the same list twice.
      return [];
    }
    const changed = round.recipients
      .filter((r) => r.status === 'pending')
      .map((r) => {
        const shortlist = shortlistFor(command.shortlists, r.jobcentre);
        return { recipient: r.jobcentre, shortlist, digest: shortlistDigest(shortlist), before: r.shortlistDigest ?? EMPTY_DIGEST };
      })
      .filter((c) => c.digest !== c.before);
    return [
      {
        type: 'ShortlistsDelivered',
        version: command.version,
        to: changed.filter((c) => c.shortlist.length > 0).map(({ recipient, shortlist }) => ({ recipient, shortlist })),
        digests: changed.map(({ recipient, digest }) => ({ recipient, digest })),
        at,
      },
    ];
  }
  if (command.type === 'HandOver') {
    if (!followsHandover(round, command.changedAt)) return [];
    const events: RoundEvent[] = [{ type: 'LeadChanged', from: round.leadJobcentre, to: command.to, at: command.changedAt }];
    // A new lead that was still asked to reply is not asked to reply to its own order: its
    // silence is recorded as an implied "none" (as when silence means none), so it is neither
    // reminded nor overdue; it may still propose its own candidates with a real reply.
    if (pendingRecipients(round).includes(command.to)) {
      const at = command.now.toISOString();
      events.push({
        type: 'ReplyRecorded',
        recipient: command.to,
        answer: 'none',
        candidates: [],
        late: false,
        amended: false,
        at,
        implied: true,
      });
      if (pendingRecipients(events.reduce(evolve, round)).length === 0) events.push({ type: 'RoundCompleted', at });
    }
    return events;
  }
  if (command.type === 'WithdrawCandidate') {
    // No double placement: a candidate hired for one order leaves every other order's open
    // round. Refs are unique per home jobcentre only, so both must match.
    if (round.status === 'closed' || round.orderId === command.hiredFor) return [];
    const proposing = round.recipients.find(
      (r) => r.jobcentre === command.jobcentre && (r.candidates ?? []).some((c) => c.candidateRef === command.candidateRef),
    );
    if (!proposing) return [];
    return [
      { type: 'CandidateWithdrawn', recipient: proposing.jobcentre, candidateRef: command.candidateRef, hiredFor: command.hiredFor, at },
    ];
  }
  if (command.type === 'DeadlineReached') {
    // A timer that fires early (clock skew) or after the round finished changes nothing.
    if (round.status !== 'open' || command.now.getTime() < Date.parse(round.deadline)) return [];
    // Every silent recipient is overdue in one write: one timer per round, whoever is pending —
    // unless the company agreed that silence means "no qualified candidates" (R6): then it is
    // recorded as that answer, in time, and nobody is overdue.
    const events: RoundEvent[] = pendingRecipients(round).map((recipient) =>
      round.silenceMeansNone
        ? { type: 'ReplyRecorded', recipient, answer: 'none', candidates: [], late: false, amended: false, at, implied: true }
        : { type: 'RecipientOverdue', recipient, at },
    );
    return events.length === 0 ? [] : [...events, { type: 'RoundCompleted', at }];
  }
  const recipient = round.recipients.find((r) => r.jobcentre === command.recipient);
  if (!recipient) {
    throw new RoundRuleViolation('not-a-recipient', `jobcentre ${command.recipient} is not a recipient of round ${round.id}`);
  }
  if (round.status === 'closed') return [];
  const events: RoundEvent[] = [];
  switch (command.type) {
    case 'RecordReply': {
      // A reply after an implied "none" is the recipient's first real reply, not an amendment.
      const amended = recipient.status === 'replied' && !recipient.implied;
      // An amendment that changes nothing is a duplicate in effect.
      if (amended && recipient.answer === command.answer && sameCandidates(recipient.candidates ?? [], command.candidates)) return [];
      const late = command.now.getTime() > Date.parse(round.deadline);
      events.push({
        type: 'ReplyRecorded',
        recipient: recipient.jobcentre,
        answer: command.answer,
        candidates: command.candidates,
        late: amended ? (recipient.late ?? false) : late,
        amended,
        at,
      });
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

function withoutImplied(r: RecipientState): RecipientState {
  const { implied: _implied, ...rest } = r;
  return rest;
}

function sameCandidates(a: Candidate[], b: Candidate[]): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The recipients still silent while the round is open. */
export function pendingRecipients(round: Round): number[] {
  if (round.status !== 'open') return [];
  return round.recipients.filter((r) => r.status === 'pending').map((r) => r.jobcentre);
}

/** Who a reminder goes to: the silent recipients — nobody when silence means "none" (they need not reply). */
export function reminderRecipients(round: Round): number[] {
  return round.silenceMeansNone ? [] : pendingRecipients(round);
}

export function evolve(round: Round, event: RoundEvent): Round {
  switch (event.type) {
    case 'ReplyRecorded':
      return {
        ...round,
        recipients: round.recipients.map((r) =>
          r.jobcentre === event.recipient
            ? {
                ...withoutImplied(r),
                ...(event.implied ? { implied: true } : {}),
                status: 'replied',
                answer: event.answer,
                candidates: event.candidates,
                // An amendment keeps the time of the first reply: compliance counts when it answered.
                repliedAt: event.amended ? (r.repliedAt ?? event.at) : event.at,
                late: event.late,
              }
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
    case 'RoundClosed':
      return { ...round, status: 'closed', closedAt: event.at, closeReason: event.reason };
    case 'ShortlistsDelivered': {
      const digests = new Map(event.digests.map((d) => [d.recipient, d.digest]));
      return {
        ...round,
        shortlistsDelivered: true,
        shortlistVersion: event.version,
        recipients: round.recipients.map((r) => {
          const digest = digests.get(r.jobcentre);
          return digest === undefined ? r : { ...r, shortlistDigest: digest };
        }),
      };
    }
    case 'LeadChanged':
      return { ...round, leadJobcentre: event.to, leadSince: event.at };
    case 'CandidateWithdrawn':
      return {
        ...round,
        recipients: round.recipients.map((r) =>
          r.jobcentre === event.recipient
            ? { ...r, candidates: (r.candidates ?? []).filter((c) => c.candidateRef !== event.candidateRef) }
            : r,
        ),
      };
    default: {
      const unhandled: never = event;
      throw new Error(`unhandled event ${JSON.stringify(unhandled)}`);
    }
  }
}

/**
 * R7: a round that brought no usable candidates proposes the next wider scope (cooperation →
 * East Denmark → the whole country); undefined when candidates came or no scope is left.
 */
export function proposedNextScope(round: Round): ScopeId | undefined {
  if (summarise(round).candidateCount > 0) return undefined;
  return nextScope(round.scope);
}

export function summarise(round: Round) {
  const replied = round.recipients.filter((r) => r.status === 'replied').map((r) => r.jobcentre);
  const overdue = round.recipients.filter((r) => r.status === 'overdue').map((r) => r.jobcentre);
  const pending = round.recipients.filter((r) => r.status === 'pending').map((r) => r.jobcentre);
  const candidateCount = round.recipients.reduce((n, r) => n + (r.candidates?.length ?? 0), 0);
  return { replied, overdue, pending, candidateCount };
}
