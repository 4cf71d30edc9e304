import { CERTIFICATES, type Certificate, LICENCE_CATEGORIES } from '@rs/contracts';
import fc from 'fast-check';
import { type PoolCv, toCandidate } from './candidate';
import { createPoolIndex, type PoolIndex } from './pool-index';
import { bestPerJobcentre, queryOfOrder, type Scored, shortlistsFrom } from './rank';
import { type MatchQuery, prepareQuery } from './score';
import { cooperationsAt } from '@rs/contracts';
import { cooperationSeeds } from '@rs/reference-data';

/** The cooperations as seeded (HRS, JRS), on a December day. */
const COOPS = cooperationsAt(cooperationSeeds(), new Date('2026-12-01T12:00:00Z'));

/**
 * The index's fast ranking (columns, groups by bound, early stop) against the straightforward
 * one (bestPerJobcentre: score.ts's rule on every CV): on a few thousand generated CVs and many
 * random searches, the same candidates of each jobcentre, in the same order, with the same
 * scores and reasons — also after CVs are changed, hidden and withdrawn.
 */
const now = new Date('2026-11-25T09:30:00Z');
const DAY = 86_400_000;
// Sub-major groups 53, 51, 71, 83 and 93, with siblings at every closeness, and a short code.
const OCCUPATIONS = ['5321', '5322', '5329', '5311', '5312', '5120', '5131', '7115', '7112', '7126', '8332', '8322', '9321', '9329', '53'];
const CERTS = Object.keys(CERTIFICATES) as Certificate[];
// Three regions, several cooperations, and a code no municipality has (no region, cooperation from the jobcentre).
const MUNICIPALITIES = [101, 147, 151, 167, 173, 185, 259, 265, 851, 751, 461, 999];
const JOBCENTRES = [101, 147, 151, 167, 185, 751, 851];

const yearsArb = fc.oneof(fc.integer({ min: 0, max: 25 }), fc.constantFrom(0.5, 6.5, 9.7, 10));
const cvArb: fc.Arbitrary<PoolCv> = fc.record(
  {
    jobcentre: fc.constantFrom(...JOBCENTRES),
    candidateRef: fc.stringMatching(/^[a-z][0-9]{1,5}$/),
    // Ages around the 30- and 90-day limits of freshness, to the millisecond.
    revision: fc
      .oneof(fc.integer({ min: 0, max: 200 * DAY }), fc.constantFrom(30 * DAY, 31 * DAY - 1, 31 * DAY, 90 * DAY, 91 * DAY, -DAY))
      .map((age) => new Date(now.getTime() - age).toISOString()),
    headline: fc.constantFrom('Kandidat', 'SOSU'),
    occupations: fc.array(
      fc.oneof(fc.constantFrom(...OCCUPATIONS), fc.record({ code: fc.constantFrom(...OCCUPATIONS), years: yearsArb })),
      // Up to five: a CV may hold more than three occupations of one sub-major group.
      { minLength: 1, maxLength: 5 },
    ),
    skills: fc.subarray(['medicingivning', 'demens', 'stillads', 'truck', 'Truck', 'dag vagter', 'ab']),
    certificates: fc.subarray(CERTS, { maxLength: 4 }),
    licenceCategories: fc.subarray([...LICENCE_CATEGORIES], { maxLength: 3 }),
    drivingLicence: fc.boolean(),
    languages: fc.subarray([
      'da',
      { code: 'da', level: 'B2' as const },
      { code: 'da', level: 'B1' as const },
      { code: 'en', level: 'C1' as const },
      { code: 'en', level: 'A2' as const },
      'de',
    ]),
    municipality: fc.constantFrom(...MUNICIPALITIES),
    availableFrom: fc.constantFrom('2026-11-01', '2026-11-25', '2026-12-05', '2026-12-09', '2026-12-20', '2027-02-01'),
    noticeDays: fc.constantFrom(0, 7, 14, 30),
    commuteKm: fc.constantFrom(0, 9, 10, 11, 39, 40, 41, 80, 149, 150, 200),
    summary: fc.constant(''),
    visibility: fc.oneof(
      fc.constant({ searchable: true }),
      fc.constant({ searchable: true }),
      fc.constant({ searchable: true }),
      fc.record({ searchable: fc.boolean(), addressProtected: fc.boolean() }),
    ),
  },
  { requiredKeys: ['jobcentre', 'candidateRef', 'revision', 'headline', 'occupations', 'skills', 'languages', 'municipality', 'summary'] },
) as fc.Arbitrary<PoolCv>;

const queryArb: fc.Arbitrary<MatchQuery> = fc.record(
  {
    occupation: fc.constantFrom(...OCCUPATIONS.filter((o) => o.length === 4), '5300', '1111'),
    municipality: fc.constantFrom(...MUNICIPALITIES),
    startBy: fc.constantFrom('2026-11-20', '2026-12-01', '2026-12-09', '2027-01-15'),
    text: fc.constantFrom('medicingivning og demens', 'truck, dag vagter og stillads', 'start snarest', ''),
    requirements: fc.record(
      {
        certificates: fc.subarray(CERTS, { maxLength: 1 }),
        licenceCategories: fc.subarray(['B', 'C'] as const, { maxLength: 1 }),
        languages: fc.subarray(
          [
            { code: 'da', level: 'B2' as const },
            { code: 'en', level: 'B1' as const },
          ],
          { maxLength: 1 },
        ),
        startWithinDays: fc.integer({ min: 0, max: 40 }),
      },
      { requiredKeys: [] },
    ),
  },
  { requiredKeys: ['occupation', 'municipality'] },
);

const pool = new Map(fc.sample(cvArb, { numRuns: 4000, seed: 17 }).map((cv) => [`${cv.jobcentre}-${cv.candidateRef}`, cv]));

function loaded(cvs: Iterable<PoolCv>): PoolIndex {
  const index = createPoolIndex();
  for (const cv of cvs) index.upsert(toCandidate(cv));
  return index;
}

/** The candidates and scores of each list (the index adds the numbers it scored with, `facts`; the reasons made from them are compared below). */
const chosen = (lists: Map<number, Scored[]>) =>
  new Map([...lists].map(([jobcentre, list]) => [jobcentre, list.map(({ candidate, score }) => ({ candidate, score }))]));

function expectSame(index: PoolIndex, query: MatchQuery, max: number, allowed?: ReadonlySet<number>): void {
  const q = prepareQuery(query, now, COOPS);
  const fast = index.best(q, max, allowed);
  const slow = bestPerJobcentre(index.all(), q, max, allowed);
  expect(chosen(fast)).toEqual(chosen(slow));
  // Reasons from the index's numbers, against reasons from score.ts's breakdown of each CV.
  expect(shortlistsFrom(fast, q)).toEqual(shortlistsFrom(slow, q));
}

describe('the fast ranking equals scoring every CV', () => {
  const index = loaded(pool.values());

  it('holds a pool with every kind of CV', () => {
    expect(index.size).toBeGreaterThan(3000);
  });

  it('for random searches, any list length and any scope', () => {
    fc.assert(
      fc.property(
        queryArb,
        fc.constantFrom(1, 3, 10, 15, 55),
        fc.option(fc.subarray(JOBCENTRES, { minLength: 1 }), { nil: undefined }),
        (query, max, allowed) => expectSame(index, query, max, allowed ? new Set(allowed) : undefined),
      ),
      { numRuns: 400, seed: 23 },
    );
  });

  it('for orders, as the service ranks them', () => {
    const q = prepareQuery(
      queryOfOrder({
        title: 'SOSU-assistent',
        occupation: '5321',
        positions: 1,
        municipality: 147,
        companyName: 'Firma',
        description: 'medicingivning',
      }),
      now,
      COOPS,
    );
    const fast = index.best(q, 10);
    const slow = bestPerJobcentre(index.all(), q, 10);
    expect(chosen(fast)).toEqual(chosen(slow));
    expect(shortlistsFrom(fast, q)).toEqual(shortlistsFrom(slow, q));
  });

  it('breaks ties by pool key when many keys are placed one by one between the same two', () => {
    const tied = createPoolIndex();
    // The same score in three groups (limits of each class, all within reach): only the ranks order them.
    const cv = (candidateRef: string): PoolCv => ({
      jobcentre: 147,
      candidateRef,
      commuteKm: [10, 40, 150][candidateRef.length % 3]!,
      revision: now.toISOString(),
      headline: 'Kandidat',
      occupations: [{ code: '5321', years: 4 }],
      skills: [],
      languages: ['da'],
      municipality: 147,
      summary: '',
      visibility: { searchable: true },
    });
    for (const ref of ['b', 'c', 'd']) tied.upsert(toCandidate(cv(ref)));
    // Each new key lands between the last one and "147-c": the gap between two ranks halves every
    // time, until it is used up (about 50 halvings of a double) and all are renumbered.
    for (let n = 1; n <= 80; n++) {
      tied.upsert(toCandidate(cv(`b${'1'.repeat(n)}`)));
      if (n % 5 === 0) tied.upsert(toCandidate(cv(`a${n}`)));
      expectSame(tied, { occupation: '5321', municipality: 147 }, 150);
      expectSame(tied, { occupation: '5321', municipality: 147 }, 3);
    }
  });

  it('explains its picks by the numbers it scored them with, also when the pool changed before they were shown', () => {
    const changing = loaded(pool.values());
    const q = prepareQuery({ occupation: '5321', municipality: 147, text: 'medicingivning og demens' }, now, COOPS);
    const picks = changing.best(q, 10);
    const expected = shortlistsFrom(bestPerJobcentre(changing.all(), q, 10), q);
    // Every pick withdrawn and others filed in the same codes (slots reused, codes packed anew) before the reasons are read.
    const keys = [...picks.values()].flat().map((s) => s.candidate.key);
    expect(keys.length).toBeGreaterThan(50);
    for (const key of keys) changing.remove(key);
    for (const [i, cv] of [...pool.values()].slice(0, 200).entries())
      changing.upsert(toCandidate({ ...cv, candidateRef: `${cv.candidateRef}-late${i}`, occupations: ['5321'], skills: ['demens'] }));
    changing.best(q, 10);
    expect(shortlistsFrom(picks, q)).toEqual(expected);
  });

  it('after CVs are changed, hidden, re-filed and withdrawn', () => {
    const changed = loaded(pool.values());
    const cvs = [...pool.values()];
    const random = fc.sample(fc.tuple(fc.nat(cvs.length - 1), cvArb, fc.nat(3)), { numRuns: 1500, seed: 5 });
    for (const [at, other, what] of random) {
      const cv = cvs[at]!;
      const key = `${cv.jobcentre}-${cv.candidateRef}`;
      const revision = now.toISOString();
      if (what === 0) changed.remove(key);
      else if (what === 1) changed.upsert(toCandidate({ ...other, jobcentre: cv.jobcentre, candidateRef: cv.candidateRef, revision }));
      else if (what === 2) changed.upsert(toCandidate({ ...other, candidateRef: `${other.candidateRef}n${at}` }));
      else {
        // Withdrawn and back, with ranking in between (its key's place is reused).
        changed.remove(key);
        if (at % 2 === 0) changed.best(prepareQuery({ occupation: '5321', municipality: 101 }, now, COOPS), 3);
        changed.upsert(toCandidate({ ...cv, revision }));
      }
      if (at % 50 === 0) expectSame(changed, { occupation: '5321', municipality: 147 }, 10);
    }
    fc.assert(
      fc.property(queryArb, fc.constantFrom(3, 10), (query, max) => expectSame(changed, query, max)),
      { numRuns: 150, seed: 29 },
    );
  });
});
