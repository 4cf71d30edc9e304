import { isDuplicateKey } from '@rs/db';
import { type Connection, Schema } from 'mongoose';
import type { KkrStore } from '../../app/kkr';
import { type Recommendation, SEED_RECOMMENDATIONS, type StatusEntry } from '../../domain/kkr';

const recommendationSchema = new Schema(
  { _id: { type: String, required: true }, recommendation: { type: Schema.Types.Mixed, required: true } },
  { collection: 'kkr_recommendations', versionKey: false },
);
/** A status is never changed, only followed by a newer one: the history is the collection. */
const statusSchema = new Schema(
  {
    _id: { type: String, required: true },
    municipality: { type: Number, required: true, index: true },
    year: { type: Number, required: true },
    entry: { type: Schema.Types.Mixed, required: true },
  },
  { collection: 'kkr_statuses', versionKey: false },
);

export function kkrModels(connection: Connection) {
  return {
    recommendations: connection.model('KkrRecommendation', recommendationSchema),
    statuses: connection.model('KkrStatus', statusSchema),
  };
}
export type KkrModels = ReturnType<typeof kkrModels>;

export function kkrRepository(models: KkrModels): KkrStore {
  return {
    async seed() {
      for (const r of SEED_RECOMMENDATIONS) {
        try {
          await models.recommendations.collection.insertOne({ _id: r.id as never, recommendation: r });
        } catch (error) {
          if (!isDuplicateKey(error)) throw error;
        }
      }
    },
    async recommendations() {
      return (await models.recommendations.find({}).lean()).map((d) => d.recommendation as Recommendation);
    },
    async statuses(year, municipality) {
      const filter = municipality === undefined ? { year } : { year, municipality };
      return (await models.statuses.find(filter).lean()).map((d) => d.entry as StatusEntry);
    },
    async add(entry) {
      await models.statuses.collection.insertOne({ _id: entry.id as never, municipality: entry.municipality, year: entry.year, entry });
    },
  };
}
