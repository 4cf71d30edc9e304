import { makeEnvelope, type OrderBroadcast } from '@rs/contracts';
import { recipientsFor } from '@rs/reference-data';
import type { PublishEntry } from '@rs/db';
import { openRound, type Shortlists } from '../domain/round';
import { type BroadcastDeps, SOURCE } from './deps';
import { onceId, openingMessages } from './outgoing';

// A clock that moves on every call: envelopes are stamped one by one, and the template must not freeze the time.
let tick = 0;
const deps = {
  now: () => new Date(Date.UTC(2026, 11, 1, 9, 0, 0, tick++)),
  newId: () => 'id',
  reminderOffsets: [86_400, 14_400],
} as unknown as BroadcastDeps;

const order = {
  title: 'Social- og sundhedsassistent',
  occupation: '5321',
  positions: 3,
  municipality: 101,
  companyName: 'Plejecenter Sundby',
  description: 'Dagvagter',
};

function nationalRound() {
  return openRound({
    id: 'b3c1f7e2-3f0a-4a43-9f4e-2d9f3c1a7e10-1',
    orderId: 'b3c1f7e2-3f0a-4a43-9f4e-2d9f3c1a7e10',
    leadJobcentre: 101,
    scope: 'national',
    order,
    recipients: recipientsFor('national', 101),
    openedAt: new Date('2026-12-01T09:00:00.000Z'),
    deadline: new Date('2026-12-03T09:00:00.000Z'),
  });
}

/** What each recipient's message was before the template: its own full makeEnvelope. */
function fullParse(entry: PublishEntry, round: ReturnType<typeof nationalRound>, recipient: number, shortlist?: unknown[]) {
  const data: OrderBroadcast = {
    roundId: round.id,
    orderId: round.orderId,
    leadJobcentre: round.leadJobcentre,
    recipient,
    scope: round.scope,
    deadline: round.deadline,
    order: round.order,
    ...(shortlist ? { shortlist: shortlist as OrderBroadcast['shortlist'] } : {}),
    ...(round.silenceMeansNone ? { silenceMeansNone: true } : {}),
  };
  return makeEnvelope('round.order-broadcast', data, {
    id: entry.id,
    time: new Date(entry.envelope.time),
    source: SOURCE,
    correlationId: round.orderId,
    subject: round.id,
  });
}

const broadcasts = (entries: ReturnType<typeof openingMessages>) =>
  entries.filter((e): e is PublishEntry => e.kind === 'publish' && e.envelope.type.includes('order-broadcast'));

describe('a national opening’s order broadcasts (built from one validated template)', () => {
  it('are, byte for byte, what a full parse per recipient makes: own id, route, time and recipient', () => {
    const round = nationalRound();
    const sent = broadcasts(openingMessages(deps, round));
    expect(sent).toHaveLength(95);
    expect(new Set(sent.map((e) => e.envelope.time)).size).toBe(95);
    for (const [i, entry] of sent.entries()) {
      const recipient = round.recipients[i]!.jobcentre;
      expect(entry.id).toBe(onceId(round.id, 'round.order-broadcast', recipient));
      expect(entry.routingKey).toBe(`jobcentre.${recipient}`);
      expect(JSON.stringify(entry.envelope)).toBe(JSON.stringify(fullParse(entry, round, recipient)));
    }
  });

  it('give a recipient with a shortlist its own, and nobody else’s', () => {
    const round = nationalRound();
    const [first, second] = round.recipients.map((r) => r.jobcentre);
    const candidate = { candidateRef: 'cv-1', headline: 'SSA, 5 års erfaring', score: 90, reasons: [] };
    const shortlists: Shortlists = new Map([[second!, [candidate]]]);
    const sent = broadcasts(openingMessages(deps, round, shortlists));
    for (const [i, entry] of sent.entries()) {
      const recipient = round.recipients[i]!.jobcentre;
      const own = recipient === second ? [candidate] : undefined;
      expect(JSON.stringify(entry.envelope)).toBe(JSON.stringify(fullParse(entry, round, recipient, own)));
    }
    expect((sent[0]!.envelope.data as OrderBroadcast).recipient).toBe(first);
  });

  it('carry the order’s "need not reply" term to every recipient', () => {
    const round = { ...nationalRound(), silenceMeansNone: true };
    const sent = broadcasts(openingMessages(deps, round));
    for (const [i, entry] of sent.entries()) {
      expect((entry.envelope.data as OrderBroadcast).silenceMeansNone).toBe(true);
      expect(JSON.stringify(entry.envelope)).toBe(JSON.stringify(fullParse(entry, round, round.recipients[i]!.jobcentre)));
    }
  });

  it('still refuse a recipient the schema refuses', () => {
    const round = nationalRound();
    const bad = { ...round, recipients: [...round.recipients, { jobcentre: -5, status: 'pending' as const }] };
    expect(() => openingMessages(deps, bad)).toThrow();
  });
});
