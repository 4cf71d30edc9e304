import { createStore, type Handoff } from '@rs/db';
import type { OrderStore } from '../../app/ports';
import type { Order } from '../../domain/order';
import type { OrderModels } from './order.model';

/** Orders in MongoDB, written through the change log (see @rs/db createStore). */
export function orderRepository(models: OrderModels, relay: Handoff): OrderStore {
  const model = models.orders;
  const store = createStore(model, relay);
  return {
    async load(id) {
      const found = await store.load(id);
      return found && { state: toOrder(found.doc), revision: found.revision };
    },
    async loadRounds(id) {
      const found = await store.load(id, { rounds: 1 });
      return found && { state: { rounds: (found.doc.rounds as Order['rounds']) ?? [] }, revision: found.revision };
    },
    save(id, write) {
      return store.save(id, {
        revision: write.revision,
        set: write.state,
        outbox: write.outbox,
        ...(write.processedId ? { processedId: write.processedId } : {}),
      });
    },
    insert({ id, ...fields }, outbox) {
      return store.insert({ _id: id, ...fields }, outbox);
    },
    async list({ registeredFrom, registeredBefore, after, ...exact }, limit) {
      // registeredAt is an ISO instant in UTC, so string order is time order.
      const and: Record<string, unknown>[] = [];
      const range = { ...(registeredFrom ? { $gte: registeredFrom } : {}), ...(registeredBefore ? { $lt: registeredBefore } : {}) };
      if (Object.keys(range).length > 0) and.push({ registeredAt: range });
      if (after)
        and.push({ $or: [{ registeredAt: { $lt: after.registeredAt } }, { registeredAt: after.registeredAt, _id: { $lt: after.id } }] });
      const docs = await model.collection
        .find({ ...exact, ...(and.length > 0 ? { $and: and } : {}) }, { projection: { processed: 0, changeTokens: 0 } })
        .sort({ registeredAt: -1, _id: -1 })
        .limit(limit)
        .toArray();
      return docs.map((d) => toOrder(d as Record<string, unknown>));
    },
  };
}

function toOrder(doc: Record<string, unknown>): Order {
  const { _id, version: _v, processed: _p, changeTokens: _t, ...rest } = doc;
  const order = rest as Omit<Order, 'id'>;
  return { ...order, id: String(_id), rounds: order.rounds ?? [], hires: order.hires ?? [] };
}
