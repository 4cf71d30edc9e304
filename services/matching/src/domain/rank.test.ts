import { SHORTLIST_MAX } from '@rs/contracts';
import { type PoolCv, rankPool, scoreCv, WEIGHTS } from './rank';

const today = new Date('2026-11-25T09:00:00Z');
const order = {
  title: 'Social- og sundhedsassistent',
  occupation: '5321',
  positions: 2,
  municipality: 101, // København, Region Hovedstaden
  companyName: 'Plejecenter Sundby',
  description: 'Dagvagter. Erfaring med medicingivning og demens.',
  startBy: '2026-12-15',
};

function cv(over: Partial<PoolCv> = {}): PoolCv {
  return {
    jobcentre: 147,
    candidateRef: 'c1',
    revision: '2026-11-01T00:00:00Z',
    headline: 'SOSU-assistent',
    occupations: ['5321'],
    skills: [],
    languages: ['da'],
    municipality: 147, // Frederiksberg, Region Hovedstaden
    summary: '',
    ...over,
  };
}

describe('scoreCv', () => {
  it('requires the same or a related occupation', () => {
    expect(scoreCv(order, cv({ occupations: ['9112'] }), today)).toBeUndefined();
    expect(scoreCv(order, cv({ occupations: ['5322'] }), today)?.reasons.map((r) => r.code)).toContain('related-occupation');
  });

  it('adds skills named in the order, living nearby and availability, each with a reason in Danish and English', () => {
    const best = scoreCv(order, cv({ municipality: 101, skills: ['Medicingivning', 'demens', 'truckcertifikat'] }), today);
    expect(best?.score).toBe(WEIGHTS.occupation + 2 * WEIGHTS.skill + WEIGHTS.nearby + WEIGHTS.available);
    expect(best?.reasons.map((r) => r.code)).toEqual(['occupation', 'skills', 'nearby', 'available']);
    expect(best?.reasons.find((r) => r.code === 'skills')?.da).toBe('Kompetencer nævnt i ordren: Medicingivning, demens');
    for (const r of best?.reasons ?? []) expect(r.da && r.en && r.da !== r.en).toBeTruthy();
  });

  it('counts the same region less than the same municipality and another region not at all', () => {
    const region = scoreCv(order, cv({ municipality: 147 }), today);
    const far = scoreCv(order, cv({ municipality: 851 }), today); // Aalborg, Nordjylland
    expect(region?.reasons.map((r) => r.code)).toContain('same-region');
    expect((region?.score ?? 0) - (far?.score ?? 0)).toBe(WEIGHTS.sameRegion);
  });

  it('is available when free by the start date, or within 14 days without one', () => {
    expect(scoreCv(order, cv({ availableFrom: '2026-12-15' }), today)?.reasons.map((r) => r.code)).toContain('available');
    expect(scoreCv(order, cv({ availableFrom: '2026-12-16' }), today)?.reasons.map((r) => r.code)).not.toContain('available');
    const { startBy: _none, ...noStart } = order;
    expect(scoreCv(noStart, cv({ availableFrom: '2026-12-09' }), today)?.reasons.map((r) => r.code)).toContain('available');
    expect(scoreCv(noStart, cv({ availableFrom: '2026-12-10' }), today)?.reasons.map((r) => r.code)).not.toContain('available');
  });

  it('does not take part of a word for a skill', () => {
    expect(scoreCv(order, cv({ skills: ['dem'] }), today)?.reasons.map((r) => r.code)).not.toContain('skills');
  });
});

describe('rankPool', () => {
  it("gives each jobcentre only its own candidates, best first, at most the shortlist's size", () => {
    const pool: PoolCv[] = [];
    for (let i = 0; i < 15; i++)
      pool.push(cv({ jobcentre: 147, candidateRef: `f${String(i).padStart(2, '0')}`, municipality: i < 3 ? 101 : 147 }));
    pool.push(cv({ jobcentre: 151, candidateRef: 'b1' }), cv({ jobcentre: 151, candidateRef: 'b2', occupations: ['9112'] }));
    const lists = rankPool(order, pool, today);
    expect(lists.map((l) => l.jobcentre)).toEqual([147, 151]);
    const own = lists[0]!.candidates;
    expect(own).toHaveLength(SHORTLIST_MAX);
    expect(own.slice(0, 3).map((c) => c.candidateRef)).toEqual(['f00', 'f01', 'f02']);
    expect(own.every((c, i) => i === 0 || own[i - 1]!.score >= c.score)).toBe(true);
    expect(lists[1]!.candidates.map((c) => c.candidateRef)).toEqual(['b1']);
  });

  it('leaves out jobcentres without a suitable candidate', () => {
    expect(rankPool(order, [cv({ occupations: ['9112'] })], today)).toEqual([]);
  });
});
