import { aggregateFields } from '@rs/db';
import { type Connection, Schema } from 'mongoose';

/**
 * The shared candidate pool: one document per candidate, `_id` = `<jobcentre>-<candidateRef>`.
 * Pseudonymous CV fields only; a withdrawn candidate's document is deleted.
 */
const poolSchema = new Schema(
  {
    _id: { type: String, required: true },
    jobcentre: { type: Number, required: true, index: true },
    candidateRef: { type: String, required: true },
    revision: { type: Date, required: true },
    headline: { type: String, required: true },
    occupations: { type: [String], required: true },
    /** The 3-digit DISCO groups of the occupations: what ranking selects by (same or related occupation). */
    occupationGroups: { type: [String], required: true, index: true },
    skills: { type: [String], default: [] },
    languages: { type: [String], default: [] },
    municipality: { type: Number, required: true },
    availableFrom: { type: String },
    drivingLicence: { type: Boolean },
    summary: { type: String, default: '' },
    syncId: { type: String },
    updatedAt: { type: Date, required: true },
  },
  { collection: 'candidate_pool', versionKey: false },
);

/**
 * One ranking per order (`_id` = order id): written once with its order.shortlisted event, and
 * the record of which candidates were read onto whose shortlist (attributable reads).
 */
const rankingSchema = new Schema(
  {
    _id: { type: String, required: true },
    rankedAt: { type: Date, required: true },
    poolSize: { type: Number, required: true },
    shortlisted: { type: [String], default: [] },
    ...aggregateFields,
  },
  { collection: 'rankings', versionKey: false },
);

/** Every read of a candidate's CV over the API: who, when, which. */
const candidateReadSchema = new Schema(
  {
    at: { type: Date, required: true },
    by: { type: String, required: true },
    role: { type: String, required: true },
    candidate: { type: String, required: true },
    purpose: { type: String, required: true },
  },
  { collection: 'candidate_reads', versionKey: false },
);

export function matchingModels(connection: Connection) {
  return {
    pool: connection.model('PoolCv', poolSchema),
    rankings: connection.model('Ranking', rankingSchema),
    candidateReads: connection.model('CandidateRead', candidateReadSchema),
  };
}
export type MatchingModels = ReturnType<typeof matchingModels>;
