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
    requestHash: { type: String },
    ...aggregateFields,
  },
  { collection: 'orders', versionKey: false },
);

export function orderModels(connection: Connection) {
  return { orders: connection.model('Order', orderSchema) };
}
export type OrderModels = ReturnType<typeof orderModels>;
