import { aggregateFields } from '@rs/db';
import { type Connection, Schema } from 'mongoose';

/** Upskilling courses (aggregates written through the change log). */
const courseSchema = new Schema(
  {
    _id: { type: String, required: true },
    leadJobcentre: { type: Number, required: true, index: true },
    cooperation: { type: String, default: null, index: true },
    scope: { type: String, required: true },
    /** Every jobcentre offered the course, the lead included: a jobcentre's list is `{inScope: code}`. */
    inScope: { type: [Number], required: true, index: true },
    summary: { type: Schema.Types.Mixed, required: true },
    /** A copy of summary.windowClosesAt, for the timer reconcile and the list order. */
    windowClosesAt: { type: String, required: true },
    budgetCeilings: { type: [Schema.Types.Mixed], default: [] },
    defaultBudgetCeilingDkk: { type: Number, default: null },
    status: { type: String, required: true, index: true },
    openedAt: { type: String, required: true },
    allocatedAt: { type: String },
    rule: { type: String },
    requests: { type: [Schema.Types.Mixed], default: [] },
    ...aggregateFields,
  },
  { collection: 'courses', versionKey: false },
);

/** Companies' coming needs, written through the change log: each insert carries its need.recorded. */
const needSchema = new Schema(
  {
    _id: { type: String, required: true },
    company: { type: String, required: true },
    occupation: { type: String, required: true },
    count: { type: Number, required: true },
    expectedBy: { type: String, required: true, index: true },
    courseWouldHelp: { type: Boolean, required: true },
    course: { type: String, default: null },
    note: { type: String, default: '' },
    jobcentre: { type: Number, default: null },
    cooperation: { type: String, default: null },
    recordedBy: { type: String, required: true },
    recordedAt: { type: String, required: true },
    ...aggregateFields,
  },
  { collection: 'company_needs', versionKey: false },
);

export function courseModels(connection: Connection) {
  return {
    courses: connection.model('Course', courseSchema),
    needs: connection.model('CompanyNeed', needSchema),
  };
}
export type CourseModels = ReturnType<typeof courseModels>;
