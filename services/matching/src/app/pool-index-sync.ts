import { type Candidate, type PoolCv, toCandidate } from '../domain/candidate';
import type { MatchingDeps } from './deps';

/** Writes by another replica reach this one's index by the next refresh; the overlap covers clock skew between them. */
const REFRESH_OVERLAP_MS = 60_000;

/**
 * Keeps the in-memory index in step with the store. At start it is built from the whole pool;
 * the CV messages this replica handles apply at once; what other replicas wrote comes with the
 * periodic refresh (by `updatedAt`). A CV deleted elsewhere is dropped when ranking re-checks
 * it in the store, so the index may lag but never shows what the store does not hold.
 */
export function poolIndexSync(deps: Pick<MatchingDeps, 'index' | 'pool' | 'now'>) {
  let watermark: Date | undefined;
  return {
    async load(): Promise<{ loaded: number; ms: number }> {
      const started = deps.now();
      const t0 = performance.now();
      let loaded = 0;
      for await (const cv of deps.pool.all()) {
        deps.index.upsert(toCandidate(cv));
        loaded++;
      }
      watermark = started;
      return { loaded, ms: Math.round(performance.now() - t0) };
    },
    async refresh(): Promise<number> {
      if (!watermark) return 0;
      const started = deps.now();
      const changed = await deps.pool.changedSince(new Date(watermark.getTime() - REFRESH_OVERLAP_MS));
      let applied = 0;
      for (const cv of changed) if (deps.index.upsert(toCandidate(cv))) applied++;
      watermark = started;
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
