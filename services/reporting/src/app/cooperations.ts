import { randomUUID } from 'node:crypto';
import { type CooperationState, makeEnvelope, routeOf } from '@rs/contracts';
import type { OutboxEntry, Revision } from '@rs/db';
import { applyChange, type ChangeOutcome, type CooperationChange, type CooperationVersion, seedStates } from '../domain/cooperation';
import { type CooperationCreation, type CreateOutcome, createCooperation as decideCreation } from '../domain/cooperation-create';

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
  /**
   * Inserts a new cooperation's first version with its event (through the change log, under the
   * cooperation's id: a unique-key insert, so of two creating the same id exactly one wins);
   * false when the id exists already.
   */
  create(first: CooperationVersion, outbox: OutboxEntry[]): Promise<boolean>;
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
    const outbox = changedEvent(outcome.version, at);
    if (await deps.cooperations.save(id, stored.revision, [...stored.history, outcome.version], outbox)) {
      await deps.changed?.();
      return outcome;
    }
  }
  return { kind: 'conflict', current: (await deps.cooperations.load(id))?.state.version ?? 0 };
}

/**
 * An admin creates a cooperation: its first version and its cooperation.changed event written
 * together (the change log's insert), so every service follows it as it follows a change; nothing
 * is stored when it is refused or the id is taken — also when another admin took it a moment
 * earlier (the insert has one winner; FerretDB's guarded updates would not).
 */
export async function createCooperation(deps: CooperationDeps, creation: CooperationCreation, by: string): Promise<CreateOutcome> {
  const at = deps.now();
  const outcome = decideCreation(creation, await deps.cooperations.list(), by, at);
  if (outcome.kind !== 'created') return outcome;
  if (!(await deps.cooperations.create(outcome.version, changedEvent(outcome.version, at)))) return { kind: 'exists' };
  await deps.changed?.();
  return outcome;
}

/** The version's cooperation.changed, as the change log's outbox entry. */
function changedEvent({ state, changed }: CooperationVersion, at: Date): OutboxEntry[] {
  const eventId = randomUUID();
  const { exchange, routingKey } = routeOf('cooperation.changed');
  return [
    {
      kind: 'publish',
      id: eventId,
      exchange,
      routingKey,
      envelope: makeEnvelope(
        'cooperation.changed',
        { cooperation: state, changed },
        { id: eventId, time: at, source: SOURCE, subject: state.id },
      ),
    },
  ];
}
