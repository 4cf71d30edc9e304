import type { CooperationState } from '@rs/contracts';
import { cooperationSeeds } from '@rs/reference-data';
import { type CooperationView, isNewer } from '../domain/cooperations';
import type { CooperationStore } from './ports';

/**
 * The cooperations as this process knows them now: in memory for the rounds it opens, kept in
 * broadcast's own store (so a restart starts from the last change, not from the seed), seeded
 * from the reference data the first time.
 */
export interface CooperationDirectory {
  current(): CooperationView;
  /** Re-reads the store (at start, after a change, and now and then: another replica may have applied one). */
  reload(): Promise<void>;
}

export function cooperationDirectory(store: CooperationStore): CooperationDirectory {
  // Until the store was read, the seed: the same version 1 reporting starts from.
  let view: CooperationView = cooperationSeeds();
  return {
    current: () => view,
    async reload() {
      const kept = await store.all();
      if (kept.length > 0) view = kept;
    },
  };
}

/** At start, before anything opens a round: the seed where nothing is kept yet, then what is kept. */
export async function startFollowingCooperations(store: CooperationStore, directory: CooperationDirectory): Promise<void> {
  await store.seed(cooperationSeeds());
  await directory.reload();
}

/**
 * cooperation.changed: keep the new state when it is newer (an older or repeated version changes
 * nothing), then use it for every round opened from now on. Open rounds keep their recipients.
 */
export async function followCooperation(
  store: CooperationStore,
  directory: CooperationDirectory,
  state: CooperationState,
): Promise<boolean> {
  // What this process knows came from the store: at least as new there, nothing to write.
  if (
    !isNewer(
      directory.current().find((c) => c.id === state.id),
      state,
    )
  )
    return false;
  const kept = await store.keep(state);
  await directory.reload();
  return kept;
}
