import type { CooperationState } from '@rs/contracts';
import { isDuplicateKey } from '@rs/db';
import type { MongoConnection } from './run-service-connect';
import type { FollowedCooperationStore } from './cooperations';

/**
 * The cooperations a service follows, in its own database: one document per cooperation
 * (`_id` = its id, `version`, `state` = the whole CooperationState), its latest known version.
 * The collection is `cooperations` unless the service keeps something else under that name.
 */
export function followedCooperationRepository(connection: MongoConnection, collection = 'cooperations'): FollowedCooperationStore {
  const docs = connection.collection<{ _id: string; version: number; state: CooperationState }>(collection);
  const insert = async (state: CooperationState) => {
    try {
      await docs.insertOne({ _id: state.id, version: state.version, state });
      return true;
    } catch (error) {
      if (isDuplicateKey(error)) return false;
      throw error;
    }
  };
  return {
    async seed(states) {
      for (const state of states) await insert(state);
    },
    async all() {
      const found = await docs.find({}).sort({ _id: 1 }).toArray();
      return found.map((d) => d.state as CooperationState);
    },
    async keep(state) {
      if (await insert(state)) return true;
      // Only a newer version replaces the kept one. (On FerretDB two different versions applied at
      // the same instant by two replicas could both pass the guard; changes are an admin's, minutes
      // apart, and each replica re-reads the store now and then.)
      const result = await docs.updateOne({ _id: state.id, version: { $lt: state.version } }, { $set: { version: state.version, state } });
      return result.modifiedCount > 0;
    },
  };
}
