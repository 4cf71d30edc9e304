import { aggregateFields } from '@rs/db';
import { type Connection, Schema } from 'mongoose';

const roundSchema = new Schema(
  {
    _id: { type: String, required: true },
    orderId: { type: String, required: true, index: true },
    seq: { type: Number, required: true },
    leadJobcentre: { type: Number, required: true },
    /** When the lead took over by a handover (absent for the first lead). */
    leadSince: { type: String },
    /** The lead's cooperation when the order was registered (the secretariat that may manage the round). */
    cooperation: { type: String, default: null },
    scope: { type: String, required: true },
    order: { type: Schema.Types.Mixed, required: true },
    openedAt: { type: String, required: true },
    deadline: { type: String, required: true },
    status: { type: String, required: true, index: true },
    completedAt: { type: String },
    closedAt: { type: String },
    closeReason: { type: String },
    recipients: { type: [Schema.Types.Mixed], default: [] },
    shortlistsDelivered: { type: Boolean, default: false },
    /** The ranking (rankedAt) whose lists the recipients have. */
    shortlistVersion: { type: String },
    silenceMeansNone: { type: Boolean },
    /** Where the round's secretariat notices go, fixed when it opened. */
    secretariat: { type: Schema.Types.Mixed },
    ...aggregateFields,
  },
  { collection: 'rounds', versionKey: false },
);

/** What broadcast knows of an order: enough to open rounds for it. */
const orderSnapshotSchema = new Schema(
  {
    _id: { type: String, required: true },
    leadJobcentre: { type: Number, required: true },
    cooperation: { type: String },
    order: { type: Schema.Types.Mixed, required: true },
    silenceMeansNone: { type: Boolean },
    leadSince: { type: String },
    ...aggregateFields,
  },
  { collection: 'orders', versionKey: false },
);

/** Matching's shortlists per order (order.shortlisted), kept to put into rounds opened later. */
const shortlistsSchema = new Schema(
  {
    _id: { type: String, required: true },
    rankedAt: { type: String, required: true },
    shortlists: { type: [Schema.Types.Mixed], default: [] },
    ...aggregateFields,
  },
  { collection: 'shortlists', versionKey: false },
);

export function roundModels(connection: Connection) {
  return {
    shortlists: connection.model('Shortlists', shortlistsSchema),
    rounds: connection.model('Round', roundSchema),
    orders: connection.model('OrderSnapshot', orderSnapshotSchema),
  };
}
export type RoundModels = ReturnType<typeof roundModels>;
