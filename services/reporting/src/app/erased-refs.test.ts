import { erasedRef } from '@rs/contracts';
import type { SourceCourse, SourceFollowUp, SourceOrder } from '../domain/from-sources';
import { followUpIdWith, withoutErased } from './erased-refs';
import type { Sources } from './ports';
import { factsOfSources } from './rebuild';

async function* of<T>(...items: T[]): AsyncIterable<T> {
  yield* items;
}

const order: SourceOrder = {
  id: 'o-1',
  leadJobcentre: 101,
  cooperation: 'HRS',
  channel: 'jobcentre',
  registeredAt: '2026-11-02T09:00:00.000Z',
  status: 'filled',
  closedAt: undefined,
  positions: 2,
  company: 'Lagerhuset A/S',
  hires: [
    { jobcentre: 147, candidateRef: 'gone', hiredAt: '2026-11-03T09:00:00.000Z' },
    { jobcentre: 147, candidateRef: 'kept', hiredAt: '2026-11-03T09:00:00.000Z' },
  ],
};
const followUp: SourceFollowUp = {
  id: 'o-1-147-gone-w4',
  orderId: 'o-1',
  cooperation: 'HRS',
  jobcentre: 147,
  candidateRef: 'gone',
  dueOn: '2026-12-01',
  outcome: { status: 'still-employed' },
};
const course: SourceCourse = {
  id: 'c-1',
  version: 3,
  leadJobcentre: 101,
  cooperation: 'HRS',
  status: 'allocated',
  openedAt: '2026-11-01T09:00:00.000Z',
  summary: { seats: 2, pricePerSeatDkk: 1000, positiveList: null, orderId: 'o-1', company: { name: 'Lagerhuset A/S' } },
  requests: [{ jobcentre: 147, allocated: 2, candidates: [{ candidateRef: 'gone', outcome: { status: 'completed', hiredOn: null } }] }],
};
const sources = (): Sources => ({
  orders: () => of(order),
  serviceGoals: () => of(),
  rounds: () => of(),
  followUps: () => of(followUp),
  agreements: () => of(),
  courses: () => of(course),
  needs: () => of(),
});

describe('the rebuild and erased candidates', () => {
  it('reads a ref reporting saw erased as its marker, wherever a source still holds it, and counts the same facts', async () => {
    const marker = erasedRef(147, 'gone');
    const plain = await factsOfSources(sources());
    const erased = await factsOfSources(withoutErased(sources(), new Set([marker])));
    expect(erased).toHaveLength(plain.length);
    const text = JSON.stringify(erased);
    expect(text).not.toMatch(/"gone"|-gone-/);
    expect(text).toContain(marker);
    expect(text).toContain('"kept"');
    expect(erased.filter((f) => f.kind === 'follow-up').map((f) => (f as { followUpId: string }).followUpId)).toEqual([
      `o-1-147-${marker}-w4`,
    ]);
    // Another jobcentre's candidate with the same ref is not the erased one.
    expect(JSON.stringify(await factsOfSources(withoutErased(sources(), new Set([erasedRef(101, 'gone')]))))).toContain('"gone"');
  });

  it("rewrites a follow-up id's ref only where order-intake put it", () => {
    expect(followUpIdWith('o-1-147-gone-w13', 147, 'gone', 'erased-x')).toBe('o-1-147-erased-x-w13');
    expect(followUpIdWith('o-1-147-gone2-w13', 147, 'gone', 'erased-x')).toBeUndefined();
    expect(followUpIdWith('o-1-101-gone-w13', 147, 'gone', 'erased-x')).toBeUndefined();
  });
});
