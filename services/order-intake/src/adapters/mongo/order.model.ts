import { aggregateFields } from '@rs/db';
import { type Connection, Schema } from 'mongoose';

const orderSchema = new Schema(
  {
    _id: { type: String, required: true },
    leadJobcentre: { type: Number, required: true, index: true },
    cooperation: { type: String, default: null },
    channel: { type: String, required: true },
    registeredBy: { type: String, required: true },
    registeredAt: { type: String, required: true },
    status: { type: String, required: true },
    company: { type: Schema.Types.Mixed, required: true },
    order: { type: Schema.Types.Mixed, required: true },
    broadcastRequested: { type: Schema.Types.Mixed, default: null },
    rounds: { type: [Schema.Types.Mixed], default: [] },
    hires: { type: [Schema.Types.Mixed], default: [] },
    /*
     * Issue 15. Orders stored before it have none of these: order.repository's toOrder gives
     * them their defaults on read (details from `order`, empty logs), so no migration is needed.
     */
    details: { type: Schema.Types.Mixed },
    agreementId: { type: String },
    largeProject: { type: Boolean, default: false },
    referrals: { type: [Schema.Types.Mixed], default: [] },
    timeline: { type: [Schema.Types.Mixed], default: [] },
    amendments: { type: Number, default: 0 },
    /** Derived on every write from rounds (who may open the order) and hires (overlapping positions), for queries. */
    recipientJobcentres: { type: [Number], default: [], index: true },
    hiredCandidates: { type: [String], default: [], index: true },
    requestHash: { type: String },
    ...aggregateFields,
  },
  { collection: 'orders', versionKey: false },
);

/**
 * A candidate's n-th concurrent hire, claimed by one order (`_id` = `jobcentre/candidateRef/n`).
 * The unique `_id` insert is what makes two parallel hires of one candidate on two orders decide
 * once: FerretDB's guarded updates are not atomic, its unique inserts are.
 */
const hireClaimSchema = new Schema(
  {
    _id: { type: String, required: true },
    orderId: { type: String, required: true },
    claimedAt: { type: String, required: true },
  },
  { collection: 'hireClaims', versionKey: false },
);

export function orderModels(connection: Connection) {
  return { orders: connection.model('Order', orderSchema), hireClaims: connection.model('HireClaim', hireClaimSchema) };
}
export type OrderModels = ReturnType<typeof orderModels>;
