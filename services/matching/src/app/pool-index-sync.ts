import { type Candidate, type PoolCv, toCandidate } from '../domain/candidate';
import type { MatchingDeps } from './deps';

/** How far back each refresh reads the change log: covers clock skew between replicas (ids seen are skipped). */
const REFRESH_WINDOW_MS = 120_000;
/** The change log is pruned after this; a replica that was stopped longer rebuilds from the pool at start anyway. */
export const CHANGE_LOG_KEEP_MS = 10 * 60_000;

/**
 * Keeps the in-memory index in step with the store. At start it is built from the whole pool;
 * the CV messages this replica handles apply at once; what other replicas wrote comes with the
 * periodic refresh, from the pool's change log (keys only, read by id). The store stays the
 * truth: ranking checks every pick there again, so a lagging index never shows what the store
 * no longer holds.
 */
export function poolIndexSync(deps: Pick<MatchingDeps, 'index' | 'pool' | 'now'>) {
  let loaded = false;
  const seen = new Map<string, number>();
  return {
    async load(): Promise<{ loaded: number; ms: number }> {
      const t0 = performance.now();
      let count = 0;
      for await (const cv of deps.pool.all()) {
        deps.index.upsert(toCandidate(cv));
        count++;
      }
      loaded = true;
      return { loaded: count, ms: Math.round(performance.now() - t0) };
    },
    async refresh(): Promise<number> {
      if (!loaded) return 0;
      const now = deps.now().getTime();
      let applied = 0;
      for (const change of await deps.pool.changesSince(new Date(now - REFRESH_WINDOW_MS))) {
        if (seen.has(change.id)) continue;
        seen.set(change.id, now);
        for (const key of change.removed) if (deps.index.remove(key)) applied++;
        const stored = await deps.pool.findMany(change.changed);
        for (const cv of stored.values()) if (deps.index.upsert(toCandidate(cv))) applied++;
      }
      for (const [id, at] of seen) if (at < now - 2 * REFRESH_WINDOW_MS) seen.delete(id);
      return applied;
    },
  };
}

export function applyToIndex(deps: Pick<MatchingDeps, 'index'>, cvs: readonly PoolCv[]): void {
  for (const cv of cvs) deps.index.upsert(toCandidate(cv));
}

/**
 * "Matching checks it again": the picks of the index read back from the store, which is the
 * truth. A pick the store no longer holds leaves the index; one it holds in a newer revision
 * replaces it there and is scored again by the caller.
 */
export async function recheck(
  deps: Pick<MatchingDeps, 'index' | 'pool'>,
  keys: readonly string[],
): Promise<Map<string, { cv: PoolCv; candidate: Candidate }>> {
  const stored = await deps.pool.findMany(keys);
  const fresh = new Map<string, { cv: PoolCv; candidate: Candidate }>();
  for (const key of keys) {
    const cv = stored.get(key);
    if (!cv) {
      deps.index.remove(key);
      continue;
    }
    const candidate = toCandidate(cv);
    deps.index.upsert(candidate);
    fresh.set(key, { cv, candidate });
  }
  return fresh;
}
