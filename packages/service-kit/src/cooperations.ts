import { type Bus, consume, type Logger } from '@rs/bus';
import { type CooperationState, type CooperationsNow, type CooperationView, cooperationsAt, type QueueSpec } from '@rs/contracts';
import { cooperationSeeds } from '@rs/reference-data';

/*
 * Following the cooperations (R15, issue 20 part 5): reporting administers them and publishes
 * every change as cooperation.changed with the cooperation's whole new state; each service that
 * decides something by cooperation keeps the newest version of each in its own store and in
 * memory. The reference data is only the seed (version 1), the same one reporting starts from.
 * One component for every service: runService's `cooperations` part wires it (store, consumer,
 * start task, periodic reload) and hands the directory to the service's parts as
 * `ctx.cooperations`.
 */

/** Where a service keeps the cooperations it follows (default: its `cooperations` collection, cooperation-store.ts). */
export interface FollowedCooperationStore {
  /** Inserts each seed whose cooperation is not kept yet; a kept one is never overwritten. */
  seed(states: readonly CooperationState[]): Promise<void>;
  all(): Promise<CooperationState[]>;
  /** Keeps the state if it is newer than the kept one (or the first); true if it wrote. */
  keep(state: CooperationState): Promise<boolean>;
}

/**
 * The cooperations as this process knows them now. `current()` is what a use case passes into
 * its domain rules (never a global read there); `reload()` re-reads the store — at start, after a
 * change, and periodically, because a change reaches one replica of a service and the others
 * read it from the store they share.
 */
export interface CooperationDirectory {
  current(): CooperationView;
  /** `current()` on the Danish day `at` falls on (memberships have effective dates). */
  at(at: Date): CooperationsNow;
  /** Whether a cooperation with this id exists now (e.g. the one a secretariat's token names). */
  knows(id: string): boolean;
  reload(): Promise<void>;
}

/** Whether an incoming version replaces the kept one: only a newer version does (older or repeated: ignored). */
export function isNewer(kept: Pick<CooperationState, 'version'> | undefined, incoming: Pick<CooperationState, 'version'>): boolean {
  return kept === undefined || incoming.version > kept.version;
}

export function cooperationDirectory(store: Pick<FollowedCooperationStore, 'all'>): CooperationDirectory {
  // Until the store was read, the seed: the same version 1 reporting starts from.
  let view: CooperationView = cooperationSeeds();
  // Reads may overlap (the periodic reload and one after a change): a read that began before the
  // change and ends after it must not put the older view back, so only the latest-begun read that
  // has ended counts.
  let begun = 0;
  let applied = 0;
  return {
    current: () => view,
    at: (at) => cooperationsAt(view, at),
    knows: (id) => view.some((c) => c.id === id),
    async reload() {
      const ticket = ++begun;
      const kept = await store.all();
      if (ticket < applied) return;
      applied = ticket;
      if (kept.length > 0) view = kept;
    },
  };
}

/** At start, before the service takes work: the seed where nothing is kept yet, then what is kept. */
export async function startFollowingCooperations(store: FollowedCooperationStore, directory: CooperationDirectory): Promise<void> {
  await store.seed(cooperationSeeds());
  await directory.reload();
}

/**
 * cooperation.changed: keep the new state when it is newer (an older or repeated version changes
 * nothing), then use it from now on. What was decided with an earlier version (a round's
 * recipients, a course's jobcentres) stays as it was decided.
 */
export async function followCooperation(
  store: FollowedCooperationStore,
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

/** The consumer of a service's own cooperations queue (SERVICE_QUEUES.<service>Cooperations). */
export function consumeCooperationChanges(
  bus: Bus,
  queue: QueueSpec<'cooperation.changed'>,
  store: FollowedCooperationStore,
  directory: CooperationDirectory,
  logger: Logger,
) {
  return consume(bus, queue, {
    'cooperation.changed': async (data) => {
      const kept = await followCooperation(store, directory, data.cooperation);
      logger.info(
        { cooperation: data.cooperation.id, version: data.cooperation.version, changed: data.changed, kept },
        kept ? 'cooperation changed: followed from now on' : 'older or repeated cooperation version ignored',
      );
    },
  });
}
