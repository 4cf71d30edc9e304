import type { CooperationState } from '@rs/contracts';
import { isDuplicateKey } from '@rs/db';
import { type Connection, Schema } from 'mongoose';
import type { CooperationStore } from '../../app/ports';

/** The cooperations broadcast follows: one document per cooperation, its latest known version. */
const cooperationSchema = new Schema(
  {
    _id: { type: String, required: true },
    version: { type: Number, required: true },
    state: { type: Schema.Types.Mixed, required: true },
  },
  { collection: 'cooperations', versionKey: false },
);

export function cooperationModel(connection: Connection) {
  return connection.model('Cooperation', cooperationSchema);
}
export type CooperationModel = ReturnType<typeof cooperationModel>;

export function cooperationRepository(model: CooperationModel): CooperationStore {
  const insert = async (state: CooperationState) => {
    try {
      await model.collection.insertOne({ _id: state.id as never, version: state.version, state });
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
      const docs = await model.collection.find({}).sort({ _id: 1 }).toArray();
      return docs.map((d) => d.state as CooperationState);
    },
    async keep(state) {
      if (await insert(state)) return true;
      // Only a newer version replaces the kept one. (On FerretDB two different versions applied at
      // the same instant by two replicas could both pass the guard; changes are an admin's, minutes
      // apart, and each replica re-reads the store now and then.)
      const result = await model.collection.updateOne(
        { _id: state.id as never, version: { $lt: state.version } },
        { $set: { version: state.version, state } },
      );
      return result.modifiedCount > 0;
    },
  };
}
