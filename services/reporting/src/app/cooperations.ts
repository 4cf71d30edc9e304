import { randomUUID } from 'node:crypto';
import { type CooperationState, makeEnvelope, routeOf } from '@rs/contracts';
import type { OutboxEntry, Revision } from '@rs/db';
import { applyChange, type ChangeOutcome, type CooperationChange, type CooperationVersion, seedStates } from '../domain/cooperation';

/** A cooperation as stored: its current state and every version it had, oldest first. */
export interface StoredCooperation {
  state: CooperationState;
  history: CooperationVersion[];
  /** The store's revision of the document (for the change log's guarded write). */
  revision: Revision;
}

/** Reporting's cooperations (adapters/mongo/cooperation.repository.ts). */
export interface CooperationStore {
  /** Inserts the seed of each cooperation not stored yet; a stored one is never overwritten. */
  seed(states: readonly CooperationState[]): Promise<number>;
  list(): Promise<CooperationState[]>;
  load(id: string): Promise<StoredCooperation | undefined>;
  /** Writes the new version with its event (through the change log); false when someone wrote in between. */
  save(id: string, revision: Revision, next: StoredCooperation['history'], outbox: OutboxEntry[]): Promise<boolean>;
}

export interface CooperationDeps {
  cooperations: CooperationStore;
  now: () => Date;
  /** After a change is stored: this replica's directory re-reads at once (the others on the event or their next reload). */
  changed?: () => Promise<void>;
}

const SOURCE = '/services/reporting';

/** At first start: the reference data becomes the seed (version 1) of each cooperation. */
export function seedCooperations(deps: CooperationDeps): Promise<number> {
  return deps.cooperations.seed(seedStates());
}

/**
 * An admin's change: the next version, stored with its history entry and its
 * cooperation.changed event in one write (relayed with a confirm after). Nothing is stored when
 * the change is refused, conflicts with a newer version or changes nothing.
 */
export async function changeCooperation(
  deps: CooperationDeps,
  id: string,
  change: CooperationChange,
  by: string,
): Promise<ChangeOutcome | { kind: 'not-found' }> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const stored = await deps.cooperations.load(id);
    if (!stored) return { kind: 'not-found' };
    const others = (await deps.cooperations.list()).filter((c) => c.id !== id);
    const at = deps.now();
    const outcome = applyChange(stored.state, change, others, by, at);
    if (outcome.kind !== 'changed') return outcome;
    const { state, changed } = outcome.version;
    const eventId = randomUUID();
    const { exchange, routingKey } = routeOf('cooperation.changed');
    const outbox: OutboxEntry[] = [
      {
        kind: 'publish',
        id: eventId,
        exchange,
        routingKey,
        envelope: makeEnvelope(
          'cooperation.changed',
          { cooperation: state, changed },
          { id: eventId, time: at, source: SOURCE, subject: id },
        ),
      },
    ];
    if (await deps.cooperations.save(id, stored.revision, [...stored.history, outcome.version], outbox)) {
      await deps.changed?.();
      return outcome;
    }
  }
  return { kind: 'conflict', current: (await deps.cooperations.load(id))?.state.version ?? 0 };
}
