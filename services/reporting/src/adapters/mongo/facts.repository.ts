import { isDuplicateKey } from '@rs/db';
import { type Connection, Schema } from 'mongoose';
import type { FactStore } from '../../app/ports';
import { type Fact, factKey } from '../../domain/facts';

/**
 * One document per fact under its key (facts.ts): the unique `_id` is what makes a redelivery
 * count once, on FerretDB as on MongoDB 7. `cooperation` is set on order facts only; the others
 * are found through their order.
 */
const factSchema = new Schema(
  {
    _id: { type: String, required: true },
    kind: { type: String, required: true },
    orderId: { type: String, required: true, index: true },
    cooperation: { type: String, default: null },
    fact: { type: Schema.Types.Mixed, required: true },
  },
  { collection: 'facts', versionKey: false },
);
factSchema.index({ kind: 1, cooperation: 1 });

export function factModels(connection: Connection) {
  return { facts: connection.model('Fact', factSchema) };
}
export type FactModels = ReturnType<typeof factModels>;

const CHUNK = 500;

export function factRepository(models: FactModels): FactStore {
  const { facts } = models;
  const insert = async (fact: Fact): Promise<boolean> => {
    try {
      await facts.collection.insertOne({
        _id: factKey(fact) as never,
        kind: fact.kind,
        orderId: fact.orderId,
        cooperation: fact.kind === 'order' ? fact.cooperation : null,
        fact,
      });
      return true;
    } catch (error) {
      if (isDuplicateKey(error)) return false;
      throw error;
    }
  };
  return {
    async record(list) {
      let inserted = 0;
      for (const fact of list) if (await insert(fact)) inserted++;
      return inserted;
    },
    async ofCooperation(cooperation) {
      const orders = await facts.find({ kind: 'order', cooperation }, { _id: 0, orderId: 1 }).lean();
      const ids = orders.map((o) => String(o.orderId));
      const result: Fact[] = [];
      for (let i = 0; i < ids.length; i += CHUNK) {
        const docs = await facts.find({ orderId: { $in: ids.slice(i, i + CHUNK) } }, { _id: 0, fact: 1 }).lean();
        for (const d of docs) result.push(d.fact as Fact);
      }
      return result;
    },
    async replaceWith(list) {
      const wanted = new Map(list.map((f) => [factKey(f), f]));
      const existing = new Set((await facts.find({}, { _id: 1 }).lean()).map((d) => String(d._id)));
      let inserted = 0;
      for (const [key, fact] of wanted) if (!existing.has(key) && (await insert(fact))) inserted++;
      const stale = [...existing].filter((key) => !wanted.has(key));
      let removed = 0;
      for (let i = 0; i < stale.length; i += CHUNK)
        removed += (await facts.deleteMany({ _id: { $in: stale.slice(i, i + CHUNK) } })).deletedCount;
      return { inserted, removed };
    },
  };
}
