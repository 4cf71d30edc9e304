import { cooperationSeeds } from '@rs/reference-data';
import type { Company, CompanyHistoryEntry } from '../domain/company';
import { changeCompany, STALE_CLAIM_MS } from './change-company';
import type { CompanyDeps } from './company-deps';
import type { CompanyStore } from './company-ports';

/**
 * The claim protocol of a company change, on a store that keeps its claims like the unique index
 * does (the parallel HTTP test in test/company-changes.int.test.ts runs it on the real server):
 * a claim left by a crash is given back once it is stale; a fresh one is a race this change lost.
 */
const at = new Date('2026-12-01T10:00:00.000Z');
const company: Company = {
  id: '24256790',
  cvr: '24256790',
  name: 'Dragør Havn ApS',
  nameKey: 'dragør havn aps',
  address: { street: 'Havnen 1', postalCode: '2791', city: 'Dragør' },
  municipality: 155,
  leadJobcentre: 185,
  leadChosen: false,
  cooperation: 'HRS',
  contacts: [],
  createdAt: at.toISOString(),
  createdBy: 'operator-1',
  version: 1,
};

function store(claims: Map<string, string>) {
  let stored: Company = { ...company };
  const companies: Pick<CompanyStore, 'load' | 'claimVersion' | 'releaseVersion' | 'change'> = {
    load: async () => stored,
    async claimVersion(id, version, when) {
      const held = claims.get(`${id}@${version}`);
      if (held) return { claimed: false, at: held };
      claims.set(`${id}@${version}`, when);
      return { claimed: true };
    },
    async releaseVersion(id, version, when) {
      if (claims.get(`${id}@${version}`) === when) claims.delete(`${id}@${version}`);
    },
    async change(_id, version, set, history: CompanyHistoryEntry[]) {
      stored = { ...stored, ...set, version, history: [...(stored.history ?? []), ...history] };
      return stored;
    },
  };
  return { companies, stored: () => stored };
}

const operator = { role: 'phone-line' as const, sub: 'operator-1' };
const depsOf = (companies: object) => ({ companies, now: () => at, cooperations: cooperationSeeds }) as unknown as CompanyDeps;

describe('changing a company claims its next version', () => {
  it('gives back a claim left by a crash (older than the limit, the company still at the version before) and applies', async () => {
    const left = new Date(at.getTime() - STALE_CLAIM_MS - 1).toISOString();
    const s = store(new Map([['24256790@2', left]]));
    const result = await changeCompany(depsOf(s.companies), operator, company.id, { name: 'Ny' });
    expect(result).toMatchObject({ kind: 'changed', company: { name: 'Ny', version: 2 } });
  });

  it('refuses as a lost race while the claim is fresh (its holder is applying it), writing nothing', async () => {
    const s = store(new Map([['24256790@2', new Date(at.getTime() - 1_000).toISOString()]]));
    expect(await changeCompany(depsOf(s.companies), operator, company.id, { name: 'Ny' })).toEqual({ kind: 'lost-race', version: 1 });
    expect(s.stored().name).toBe('Dragør Havn ApS');
  });

  it('If-Match with another version is stale before anything is claimed', async () => {
    const claims = new Map<string, string>();
    const s = store(claims);
    expect(await changeCompany(depsOf(s.companies), operator, company.id, { name: 'Ny' }, 3)).toEqual({
      kind: 'stale',
      expected: 3,
      current: 1,
    });
    expect(claims.size).toBe(0);
  });
});
