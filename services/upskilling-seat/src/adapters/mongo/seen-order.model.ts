import { type Connection, Schema } from 'mongoose';

/** Orders this service has been told about (idempotent by order id). */
const seenOrderSchema = new Schema(
  {
    _id: { type: String, required: true },
    leadJobcentre: { type: Number, required: true },
    occupation: { type: String, required: true },
    seenAt: { type: String, required: true },
  },
  { collection: 'seen_orders', versionKey: false },
);

export function seenOrderModel(connection: Connection) {
  return connection.model('SeenOrder', seenOrderSchema);
}
