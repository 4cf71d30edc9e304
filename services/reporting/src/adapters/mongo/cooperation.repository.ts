import type { CooperationState } from '@rs/contracts';
import { aggregateFields, createStore, type Handoff, NEW_AGGREGATE } from '@rs/db';
import type { FollowedCooperationStore } from '@rs/service-kit';
import { type Connection, Schema } from 'mongoose';
import type { CooperationStore } from '../../app/cooperations';
import type { CooperationVersion } from '../../domain/cooperation';

/**
 * One document per cooperation: its current state and its history (every version, oldest first),
 * written whole through the change log with its cooperation.changed event. A change is rare
 * (a few a year), so the history stays small inside the document and needs no second write.
 */
const cooperationSchema = new Schema(
  {
    _id: { type: String, required: true },
    state: { type: Schema.Types.Mixed, required: true },
    history: { type: [Schema.Types.Mixed], default: [] },
    ...aggregateFields,
  },
  { collection: 'cooperations', versionKey: false },
);

export function cooperationModels(connection: Connection) {
  return { cooperations: connection.model('Cooperation', cooperationSchema) };
}
export type CooperationModels = ReturnType<typeof cooperationModels>;

/** The current state of every cooperation, by id. */
async function currentStates(models: CooperationModels): Promise<CooperationState[]> {
  const docs = await models.cooperations.collection
    .find({}, { projection: { state: 1 } })
    .sort({ _id: 1 })
    .toArray();
  return docs.map((d) => d.state as CooperationState);
}

/**
 * What reporting follows is what it administers: its directory (runService's `cooperations`)
 * reads this store itself, so there is no second copy to keep. Its own cooperation.changed only
 * tells every replica to re-read; the seed is reporting's own (seedCooperations, at start).
 */
export function administeredCooperations(models: CooperationModels): FollowedCooperationStore {
  return {
    seed: async () => {},
    all: () => currentStates(models),
    keep: async () => false,
  };
}

export function cooperationRepository(models: CooperationModels, relay: Handoff): CooperationStore {
  const store = createStore(models.cooperations, relay);
  return {
    async seed(states) {
      let inserted = 0;
      for (const state of states) {
        const first: CooperationVersion = { state, changed: [] };
        if (await store.insert({ _id: state.id, state, history: [first] }, [])) inserted++;
      }
      return inserted;
    },
    create: (first, outbox) => store.insert({ _id: first.state.id, state: first.state, history: [first] }, outbox),
    list: () => currentStates(models),
    async load(id) {
      const found = await store.load(id);
      if (!found) return undefined;
      return { state: found.doc.state as CooperationState, history: found.doc.history as CooperationVersion[], revision: found.revision };
    },
    save(id, revision, history, outbox) {
      const latest = history.at(-1);
      if (!latest || revision === NEW_AGGREGATE) return Promise.resolve(false);
      return store.save(id, { revision, set: { state: latest.state, history }, outbox });
    },
  };
}
