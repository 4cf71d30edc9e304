import type { CooperationState } from '@rs/contracts';
import { cooperationSeeds } from '@rs/reference-data';
import { cooperationDirectory, type FollowedCooperationStore, followCooperation, isNewer } from './cooperations';

/** A store in memory: the rules of the directory, not the database (cooperation-store is tested on a real one). */
function memoryStore(): FollowedCooperationStore & { kept: Map<string, CooperationState> } {
  const kept = new Map<string, CooperationState>();
  return {
    kept,
    async seed(states) {
      for (const s of states) if (!kept.has(s.id)) kept.set(s.id, s);
    },
    async all() {
      return [...kept.values()].sort((a, b) => a.id.localeCompare(b.id));
    },
    async keep(state) {
      const old = kept.get(state.id);
      if (old && old.version >= state.version) return false;
      kept.set(state.id, state);
      return true;
    },
  };
}

describe('the cooperation directory', () => {
  it('keeps only a newer version', () => {
    expect(isNewer(undefined, { version: 1 })).toBe(true);
    expect(isNewer({ version: 2 }, { version: 3 })).toBe(true);
    expect(isNewer({ version: 3 }, { version: 3 })).toBe(false);
    expect(isNewer({ version: 3 }, { version: 2 })).toBe(false);
  });

  it('starts from the seed and follows a new cooperation and a newer version, never an older one', async () => {
    const store = memoryStore();
    const directory = cooperationDirectory(store);
    expect(directory.current().map((c) => c.id)).toEqual(['HRS', 'JRS']);
    expect(directory.knows('NRS')).toBe(false);
    const hrs = cooperationSeeds()[0] as CooperationState;
    const nrs: CooperationState = { ...hrs, id: 'NRS', name: 'Nordsjællands Rekrutteringsservice', members: [hrs.members[0]!] };
    expect(await followCooperation(store, directory, nrs)).toBe(true);
    expect(directory.knows('NRS')).toBe(true);
    expect(await followCooperation(store, directory, { ...hrs, version: 2, reason: 'x' })).toBe(true);
    expect(await followCooperation(store, directory, { ...hrs, version: 1, reason: 'older' })).toBe(false);
    expect(directory.current().find((c) => c.id === 'HRS')?.version).toBe(2);
    expect(directory.at(new Date('2026-12-01T23:30:00Z')).day).toBe('2026-12-02');
  });

  it('never puts back an older view when a read that began before a change ends after it', async () => {
    const hrs = cooperationSeeds()[0] as CooperationState;
    let release: (states: CooperationState[]) => void = () => {};
    const slow = new Promise<CooperationState[]>((resolve) => {
      release = resolve;
    });
    let reads = 0;
    const directory = cooperationDirectory({ all: () => (++reads === 1 ? slow : Promise.resolve([{ ...hrs, version: 2 }])) });
    const stale = directory.reload();
    await directory.reload();
    release([{ ...hrs, version: 1 }]);
    await stale;
    expect(directory.current().map((c) => c.version)).toEqual([2]);
  });
});
