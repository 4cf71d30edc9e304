import { aggregateFields } from '@rs/db';
import { type Connection, Schema } from 'mongoose';

/**
 * The service-goal clocks (R3, R4), one document per order, apart from the order itself: the
 * clocks change on timers and on the order's own events, and must never race the lifecycle's
 * writes to the order. `warnedGoals`, `breachedGoals`, `runningGoals` and `open` are derived from
 * the clocks on every write, for list filters and for the reconcile.
 */
const serviceGoalsSchema = new Schema(
  {
    _id: { type: String, required: true },
    leadJobcentre: { type: Number, required: true, index: true },
    cooperation: { type: String, default: null },
    registeredAt: { type: String, default: null },
    goals: { type: Schema.Types.Mixed, required: true },
    alternative: { type: Schema.Types.Mixed },
    timeline: { type: [Schema.Types.Mixed], default: [] },
    warnedGoals: { type: [String], default: [] },
    breachedGoals: { type: [String], default: [] },
    runningGoals: { type: [String], default: [] },
    standings: { type: [String], default: [] },
    open: { type: Boolean, default: false, index: true },
    ...aggregateFields,
  },
  { collection: 'service_goals', versionKey: false },
);

/** Onboarding follow-ups after hires (R10), one document per hire and week. */
const followUpSchema = new Schema(
  {
    _id: { type: String, required: true },
    orderId: { type: String, required: true, index: true },
    cooperation: { type: String, required: true, index: true },
    jobcentre: { type: Number, required: true },
    candidateRef: { type: String, required: true },
    startDate: { type: String, required: true },
    weeklyHours: { type: Number },
    weeksAfterStart: { type: Number, required: true },
    dueOn: { type: String, required: true, index: true },
    outcome: { type: Schema.Types.Mixed },
    done: { type: Boolean, default: false },
    ...aggregateFields,
  },
  { collection: 'follow_ups', versionKey: false },
);

export function serviceGoalModels(connection: Connection) {
  return {
    serviceGoals: connection.model('ServiceGoals', serviceGoalsSchema),
    followUps: connection.model('FollowUp', followUpSchema),
  };
}
export type ServiceGoalModels = ReturnType<typeof serviceGoalModels>;
