import { CERTIFICATES, type Certificate, LICENCE_CATEGORIES } from '@rs/contracts';
import fc from 'fast-check';
import { type PoolCv, toCandidate } from './candidate';
import { createPoolIndex } from './pool-index';
import { bestPerJobcentre, rankPool, type Scored, shortlistsFrom } from './rank';
import { prepareQuery, scoreOf } from './score';
import { cooperationsAt } from '@rs/contracts';
import { cooperationSeeds } from '@rs/reference-data';

/** The cooperations as seeded (HRS, JRS), on a December day. */
const COOPS = cooperationsAt(cooperationSeeds(), new Date('2026-12-01T12:00:00Z'));

/** Properties of ranking over generated pools (fast-check): hard requirements, monotony, determinism, index = brute force. */
const now = new Date('2026-11-25T09:00:00Z');
const OCCUPATIONS = ['5321', '5322', '5329', '5311', '5120', '7115', '7112', '8332', '9321'];
const CERTS = Object.keys(CERTIFICATES) as Certificate[];
const MUNICIPALITIES = [101, 147, 151, 173, 259, 851, 751];

const cvArb: fc.Arbitrary<PoolCv> = fc.record({
  jobcentre: fc.constantFrom(101, 147, 151),
  candidateRef: fc.stringMatching(/^c[0-9]{1,4}$/),
  revision: fc.date({ min: new Date('2026-01-01'), max: new Date('2026-11-25'), noInvalidDate: true }).map((d) => d.toISOString()),
  headline: fc.constant('Kandidat'),
  occupations: fc.array(
    fc.oneof(fc.constantFrom(...OCCUPATIONS), fc.record({ code: fc.constantFrom(...OCCUPATIONS), years: fc.integer({ min: 0, max: 30 }) })),
    { minLength: 1, maxLength: 3 },
  ),
  skills: fc.subarray(['medicingivning', 'demens', 'stillads', 'truck']),
  certificates: fc.subarray(CERTS),
  licenceCategories: fc.subarray([...LICENCE_CATEGORIES]),
  languages: fc.subarray([{ code: 'da', level: 'C1' as const }, { code: 'en', level: 'B1' as const }, 'de']),
  municipality: fc.constantFrom(...MUNICIPALITIES),
  availableFrom: fc.option(fc.constantFrom('2026-11-20', '2026-12-01', '2026-12-20', '2027-02-01'), { nil: undefined }),
  commuteKm: fc.option(fc.integer({ min: 0, max: 200 }), { nil: undefined }),
  summary: fc.constant(''),
  visibility: fc.option(fc.record({ searchable: fc.boolean(), addressProtected: fc.boolean() }), { nil: undefined }),
}) as fc.Arbitrary<PoolCv>;

const requirementsArb = fc.record(
  {
    certificates: fc.subarray(CERTS, { maxLength: 2 }),
    licenceCategories: fc.subarray(['B', 'C', 'CE'] as const, { maxLength: 2 }),
    languages: fc.subarray(
      [
        { code: 'da', level: 'B2' as const },
        { code: 'en', level: 'B1' as const },
      ],
      { maxLength: 1 },
    ),
    startWithinDays: fc.integer({ min: 0, max: 60 }),
  },
  { requiredKeys: [] },
);

const orderArb = fc.record({
  title: fc.constant('Stilling'),
  occupation: fc.constantFrom(...OCCUPATIONS),
  positions: fc.constant(1),
  municipality: fc.constantFrom(...MUNICIPALITIES),
  companyName: fc.constant('Firma'),
  description: fc.constantFrom('medicingivning og demens', 'stillads', ''),
  requirements: fc.option(requirementsArb, { nil: undefined }),
});

/** The candidates and scores of each list, without the numbers the index adds (`facts`: their reasons are compared instead). */
const chosen = (lists: Map<number, Scored[]>) =>
  new Map([...lists].map(([jobcentre, list]) => [jobcentre, list.map(({ candidate, score }) => ({ candidate, score }))]));

const unique = (pool: PoolCv[]) => [...new Map(pool.map((c) => [`${c.jobcentre}-${c.candidateRef}`, c])).values()];

describe('ranking properties', () => {
  it('a candidate failing a hard requirement never appears', () => {
    fc.assert(
      fc.property(fc.array(cvArb, { maxLength: 60 }), orderArb, requirementsArb, (pool, order, requirements) => {
        const lists = rankPool({ ...order, requirements }, unique(pool).map(toCandidate), now, COOPS);
        const shown = new Set(lists.flatMap((l) => l.candidates.map((c) => `${l.jobcentre}-${c.candidateRef}`)));
        for (const cv of unique(pool)) {
          const c = toCandidate(cv);
          const fails =
            (requirements.certificates ?? []).some((x) => !(cv.certificates ?? []).includes(x)) ||
            (requirements.licenceCategories ?? []).some((x) => !(cv.licenceCategories ?? []).includes(x)) ||
            (requirements.languages ?? []).some(
              (l) => !cv.languages.some((x) => typeof x !== 'string' && x.code === l.code && x.level >= l.level),
            ) ||
            (requirements.startWithinDays !== undefined &&
              cv.availableFrom !== undefined &&
              Date.parse(cv.availableFrom) > now.getTime() + requirements.startWithinDays * 86_400_000);
          if (fails || !c.visible) expect(shown.has(c.key)).toBe(false);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('adding a certificate (say, one the order requires) never lowers a score', () => {
    fc.assert(
      fc.property(cvArb, orderArb, fc.constantFrom(...CERTS), (cv, order, extra) => {
        const q = prepareQuery({ ...order, text: order.description, requirements: order.requirements }, now, COOPS);
        const before = scoreOf(toCandidate(cv), q);
        const after = scoreOf(toCandidate({ ...cv, certificates: [...new Set([...(cv.certificates ?? []), extra])] }), q);
        expect(after).toBeGreaterThanOrEqual(before);
      }),
      { numRuns: 500 },
    );
  });

  it('is deterministic: the same pool in any order ranks alike', () => {
    fc.assert(
      fc.property(fc.array(cvArb, { maxLength: 60 }), orderArb, (pool, order) => {
        const candidates = unique(pool).map(toCandidate);
        const reversed = [...candidates].reverse();
        expect(rankPool(order, reversed, now, COOPS)).toEqual(rankPool(order, candidates, now, COOPS));
      }),
      { numRuns: 200 },
    );
  });

  it('the index finds exactly what scoring every CV finds', () => {
    fc.assert(
      fc.property(fc.array(cvArb, { maxLength: 80 }), orderArb, (pool, order) => {
        const index = createPoolIndex();
        const candidates = unique(pool).map(toCandidate);
        for (const c of candidates) index.upsert(c);
        const q = prepareQuery({ ...order, text: order.description }, now, COOPS);
        const fast = index.best(q, 10);
        const slow = bestPerJobcentre(candidates, q, 10);
        expect(chosen(fast)).toEqual(chosen(slow));
        expect(shortlistsFrom(fast, q)).toEqual(shortlistsFrom(slow, q));
        const allowed = new Set([147]);
        expect(chosen(index.best(q, 3, allowed))).toEqual(chosen(bestPerJobcentre(candidates, q, 3, allowed)));
      }),
      { numRuns: 200 },
    );
  });
});

describe('the pool index', () => {
  it('keeps the newest revision, refiles a changed occupation and forgets a removed CV', () => {
    const index = createPoolIndex();
    const base = {
      jobcentre: 147,
      candidateRef: 'a',
      headline: 'x',
      skills: [],
      languages: [],
      municipality: 147,
      summary: '',
      visibility: { searchable: true },
    };
    index.upsert(toCandidate({ ...base, revision: '2026-11-02T00:00:00Z', occupations: ['7115'] }));
    expect(index.upsert(toCandidate({ ...base, revision: '2026-11-01T00:00:00Z', occupations: ['5321'] }))).toBe(false);
    const keys = (occupation: string) =>
      [...index.best(prepareQuery({ occupation, municipality: 147 }, now, COOPS), 10).values()].flat().map((s) => s.candidate.key);
    expect(keys('7112')).toEqual(['147-a']);
    index.upsert(toCandidate({ ...base, revision: '2026-11-03T00:00:00Z', occupations: ['5321'] }));
    expect(keys('7112')).toEqual([]);
    expect(keys('5322')).toEqual(['147-a']);
    expect(index.remove('147-a')).toBe(true);
    expect([index.size, keys('5322')]).toEqual([0, []]);
  });
});
