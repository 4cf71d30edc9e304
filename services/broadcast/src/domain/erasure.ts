import { type Envelope, parseCloudEventType, type ShortlistCandidate } from '@rs/contracts';
import type { Round } from './round';

/**
 * Erasure of withdrawn candidates from every copy broadcast holds (cv.erased): pure functions
 * over a round, the stored shortlists and the catch-up feed's messages. A candidate is named by
 * its home jobcentre and pseudonymous ref (refs are unique only within a jobcentre).
 */
export interface Erasure {
  jobcentre: number;
  refs: ReadonlySet<string>;
}

/** The round without the candidates in its recipients' replies; undefined when it held none of them. */
export function eraseFromRound(round: Round, e: Erasure): Round | undefined {
  let changed = false;
  const recipients = round.recipients.map((r) => {
    if (r.jobcentre !== e.jobcentre || !r.candidates?.some((c) => e.refs.has(c.candidateRef))) return r;
    changed = true;
    return { ...r, candidates: r.candidates.filter((c) => !e.refs.has(c.candidateRef)) };
  });
  return changed ? { ...round, recipients } : undefined;
}

type Lists = { jobcentre: number; candidates: ShortlistCandidate[] }[];

/** The order's shortlists without the candidates (a list left empty goes); undefined when unchanged. */
export function eraseFromShortlists(lists: Lists, e: Erasure): Lists | undefined {
  const own = lists.find((l) => l.jobcentre === e.jobcentre);
  if (!own?.candidates.some((c) => e.refs.has(c.candidateRef))) return undefined;
  return lists
    .map((l) => (l.jobcentre === e.jobcentre ? { ...l, candidates: l.candidates.filter((c) => !e.refs.has(c.candidateRef)) } : l))
    .filter((l) => l.candidates.length > 0);
}

/** A message kept for a jobcentre's catch-up feed. */
export interface SentMessage {
  jobcentre: number;
  envelope: Envelope;
}

type Data = Record<string, unknown> & { recipient?: number; jobcentre?: number; candidateRef?: string };
type WithRef = { candidateRef: string };

/**
 * Which candidates a message names, and whose they are: a recipient's own shortlist
 * (round.order-broadcast, round.shortlist), a recipient's reply to the lead
 * (round.reply-received), a hired candidate withdrawn from a round (round.candidate-withdrawn).
 */
function candidatesIn(data: Data): { home: number; refs: string[] } | undefined {
  if (Array.isArray(data.shortlist) && data.recipient !== undefined)
    return { home: data.recipient, refs: (data.shortlist as WithRef[]).map((c) => c.candidateRef) };
  if (Array.isArray(data.candidates) && data.recipient !== undefined)
    return { home: data.recipient, refs: (data.candidates as WithRef[]).map((c) => c.candidateRef) };
  if (typeof data.candidateRef === 'string' && data.jobcentre !== undefined) return { home: data.jobcentre, refs: [data.candidateRef] };
  return undefined;
}

/** Pool keys (`<jobcentre>-<ref>`) of every candidate the messages name: how erasure finds a feed record. */
export function candidateKeysOf(sent: readonly SentMessage[]): string[] {
  const keys = new Set<string>();
  for (const s of sent) {
    const found = candidatesIn(s.envelope.data as Data);
    for (const ref of found?.refs ?? []) keys.add(`${found?.home}-${ref}`);
  }
  return [...keys];
}

/**
 * The messages without the candidates: a shortlist or reply loses them (a round.shortlist left
 * empty, or a message about that candidate alone, goes whole). Undefined when nothing changed.
 */
export function eraseFromMessages(sent: readonly SentMessage[], e: Erasure): SentMessage[] | undefined {
  let changed = false;
  const kept: SentMessage[] = [];
  for (const s of sent) {
    const data = s.envelope.data as Data;
    const found = candidatesIn(data);
    if (!found || found.home !== e.jobcentre || !found.refs.some((r) => e.refs.has(r))) {
      kept.push(s);
      continue;
    }
    changed = true;
    if (typeof data.candidateRef === 'string') continue;
    const field = Array.isArray(data.shortlist) ? 'shortlist' : 'candidates';
    const rest = (data[field] as WithRef[]).filter((c) => !e.refs.has(c.candidateRef));
    if (rest.length === 0 && parseCloudEventType(s.envelope.type)?.name === 'round.shortlist') continue;
    const next = { ...data, [field]: rest };
    if (field === 'shortlist' && rest.length === 0) delete next.shortlist;
    kept.push({ ...s, envelope: { ...s.envelope, data: next } });
  }
  return changed ? kept : undefined;
}
