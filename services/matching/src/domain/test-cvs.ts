import type { PoolCv } from './candidate';

/** A searchable CV for the unit tests; `over` replaces fields. */
export function testCv(over: Partial<PoolCv> = {}): PoolCv {
  return {
    jobcentre: 147,
    candidateRef: 'c1',
    revision: '2026-11-01T00:00:00Z',
    headline: 'SOSU-assistent',
    occupations: ['5321'],
    skills: [],
    languages: ['da'],
    municipality: 147, // Frederiksberg, Region Hovedstaden, HRS
    summary: '',
    visibility: { searchable: true },
    ...over,
  };
}
