import { cooperationsAt, SHORTLIST_MAX } from '@rs/contracts';
import { cooperationSeeds } from '@rs/reference-data';
import { toCandidate } from '../domain/candidate';
import { createPoolIndex } from '../domain/pool-index';
import { queryOfOrder, rankPool, shortlistsFrom } from '../domain/rank';
import { prepareQuery } from '../domain/score';
import { testCv } from '../domain/test-cvs';
import { WARM_RANKINGS, warmRanking } from './warm-ranking';

const now = new Date('2026-12-01T09:00:00Z');
const OCCUPATIONS = ['5321', '5322', '8332', '9321', '2221'];
const MUNICIPALITIES = [101, 147, 151, 259, 851];

function pool(size: number) {
  const index = createPoolIndex();
  for (let i = 0; i < size; i++)
    index.upsert(
      toCandidate(
        testCv({
          candidateRef: `c${i}`,
          occupations: [{ code: OCCUPATIONS[i % OCCUPATIONS.length]!, years: i % 12 }],
          municipality: MUNICIPALITIES[i % MUNICIPALITIES.length]!,
          skills: i % 3 === 0 ? ['truck'] : [],
          certificates: i % 4 === 0 ? ['forklift'] : [],
          licenceCategories: i % 2 === 0 ? ['B'] : [],
        }),
      ),
    );
  return index;
}

const deps = (index: ReturnType<typeof createPoolIndex>) => ({ index, now: () => now, cooperations: () => cooperationSeeds() });
const order = {
  title: 'SOSU-assistent',
  description: 'truck',
  occupation: '5321',
  positions: 1,
  municipality: 147,
  companyName: 'Firma',
};

describe('warmRanking, before the first order', () => {
  it('ranks its rounds from the pool, and the index then ranks an order as scoring every CV does', () => {
    const index = pool(500);
    expect(warmRanking(deps(index))).toEqual({ rankings: WARM_RANKINGS, ms: expect.any(Number) });
    expect(index.size).toBe(500);
    const coops = cooperationsAt(cooperationSeeds(), now);
    for (const o of [order, { ...order, requirements: { certificates: ['forklift' as const] } }]) {
      const q = prepareQuery(queryOfOrder(o), now, coops);
      const shortlists = shortlistsFrom(index.best(q, SHORTLIST_MAX), q);
      expect(shortlists.length).toBeGreaterThan(0);
      expect(shortlists).toEqual(rankPool(o, index.all(), now, coops));
    }
  });

  it('ranks once per CV of a small pool, and not at all on an empty one', () => {
    expect(warmRanking(deps(pool(7))).rankings).toBe(7);
    expect(warmRanking(deps(createPoolIndex())).rankings).toBe(0);
  });
});
