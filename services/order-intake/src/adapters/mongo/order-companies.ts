import type { OrderModels } from './order.model';

/**
 * The company names of some orders, for the onboarding consultant's follow-ups (R10): whom to
 * ask about the hire. Read from the orders as they are now (a renamed company shows its new name);
 * an order that is gone has none.
 */
export function orderCompanyNames(models: Pick<OrderModels, 'orders'>) {
  return async (orderIds: readonly string[]): Promise<Map<string, string>> => {
    const ids = [...new Set(orderIds)];
    if (ids.length === 0) return new Map();
    const docs = await models.orders.collection
      .find({ _id: { $in: ids as never[] } }, { projection: { _id: 1, 'company.name': 1 } })
      .toArray();
    const names = new Map<string, string>();
    for (const doc of docs) {
      const name = (doc.company as { name?: unknown } | undefined)?.name;
      if (typeof name === 'string') names.set(String(doc._id), name);
    }
    return names;
  };
}
