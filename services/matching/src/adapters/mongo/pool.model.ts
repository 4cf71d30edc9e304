import { aggregateFields } from '@rs/db';
import { type Connection, Schema } from 'mongoose';

/**
 * The shared candidate pool: one document per candidate, `_id` = `<jobcentre>-<candidateRef>`.
 * The common CV template's fields as sent (pseudonymous; the repository writes through the
 * driver, so the template's union fields are stored as they came). A withdrawn candidate's
 * document is deleted.
 */
const poolSchema = new Schema(
  {
    _id: { type: String, required: true },
    jobcentre: { type: Number, required: true, index: true },
    candidateRef: { type: String, required: true },
    revision: { type: Date, required: true },
    headline: { type: String, required: true },
    occupations: { type: [Schema.Types.Mixed], required: true },
    skills: { type: [String], default: [] },
    education: { type: [Schema.Types.Mixed] },
    certificates: { type: [String] },
    licenceCategories: { type: [String] },
    drivingLicence: { type: Boolean },
    languages: { type: [Schema.Types.Mixed], default: [] },
    municipality: { type: Number, required: true },
    availableFrom: { type: String },
    noticeDays: { type: Number },
    hours: { type: [String] },
    employmentTypes: { type: [String] },
    commuteKm: { type: Number },
    summary: { type: Schema.Types.Mixed },
    visibility: { type: Schema.Types.Mixed },
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
    /** Absent on rankings before issue 15, whose _id is the order id. */
    orderId: { type: String },
    rankedAt: { type: Date, required: true },
    poolSize: { type: Number, required: true },
    shortlisted: { type: [String], default: [] },
    ...aggregateFields,
  },
  { collection: 'rankings', versionKey: false },
);

/** Every read of a candidate's data (CV, search result, shortlist): who, when, which, why, for which order. */
const candidateReadSchema = new Schema(
  {
    at: { type: Date, required: true },
    by: { type: String, required: true },
    role: { type: String, required: true },
    readerJobcentre: { type: Number },
    candidate: { type: String, required: true },
    candidateJobcentre: { type: Number, required: true },
    candidateRef: { type: String, required: true },
    kind: { type: String, required: true },
    purpose: { type: String, required: true },
    orderId: { type: String },
  },
  { collection: 'candidate_reads', versionKey: false },
);
candidateReadSchema.index({ candidateJobcentre: 1, at: -1 });

/**
 * The pool's change log: one record per write of the pool (`_id` = `<ISO time>|<replica>|<uuid>`,
 * so it sorts by time), the keys stored and deleted. Other replicas' indexes read it instead of
 * scanning the pool; pruned after minutes.
 */
const poolChangeSchema = new Schema(
  { _id: { type: String, required: true }, by: { type: String, required: true }, changed: [String], removed: [String] },
  { collection: 'pool_changes', versionKey: false },
);

/** One mark per jobcentre and day a stale-CV report went out (`_id` = `<jobcentre>-<day>`). */
const staleReportSchema = new Schema(
  { _id: { type: String, required: true }, at: { type: Date, required: true } },
  { collection: 'stale_reports', versionKey: false },
);

/**
 * Questions from one jobcentre's consultant to a candidate's home jobcentre (`_id` = inquiry id),
 * each written once through the change log with its pool.candidate-inquiry message to that
 * jobcentre's queue. Listed to the receiver and to the sender, never to a third jobcentre.
 */
const inquirySchema = new Schema(
  {
    _id: { type: String, required: true },
    toJobcentre: { type: Number, required: true, index: true },
    fromJobcentre: { type: Number, required: true, index: true },
    candidateRef: { type: String, required: true },
    askedBy: { type: String, required: true },
    orderId: { type: String },
    company: { type: String },
    question: { type: String, required: true },
    /** ISO instant (UTC, so it sorts as text). */
    askedAt: { type: String, required: true },
    ...aggregateFields,
  },
  { collection: 'candidate_inquiries', versionKey: false },
);

/**
 * The one answer to an inquiry (`_id` = the inquiry id): a unique insert, so ten copies of an
 * answer, or two replicas at once, record it once (FerretDB's guarded updates are not atomic).
 * Written through the change log with its pool.inquiry-answered message to the asker's queue.
 */
const inquiryAnswerSchema = new Schema(
  {
    _id: { type: String, required: true },
    toJobcentre: { type: Number, required: true, index: true },
    fromJobcentre: { type: Number, required: true },
    candidateRef: { type: String, required: true },
    askedBy: { type: String, required: true },
    answer: { type: String, required: true },
    note: { type: String },
    answeredBy: { type: String, required: true },
    /** ISO instant (UTC). */
    answeredAt: { type: String, required: true },
    /** What carried it: a connector's envelope id, or the id a web form's idempotency key stands for. */
    messageId: { type: String, required: true },
    ...aggregateFields,
  },
  { collection: 'candidate_inquiry_answers', versionKey: false },
);

export function matchingModels(connection: Connection) {
  return {
    pool: connection.model('PoolCv', poolSchema),
    rankings: connection.model('Ranking', rankingSchema),
    candidateReads: connection.model('CandidateRead', candidateReadSchema),
    staleReports: connection.model('StaleReport', staleReportSchema),
    poolChanges: connection.model('PoolChange', poolChangeSchema),
    inquiries: connection.model('CandidateInquiry', inquirySchema),
    inquiryAnswers: connection.model('CandidateInquiryAnswer', inquiryAnswerSchema),
  };
}
export type MatchingModels = ReturnType<typeof matchingModels>;
