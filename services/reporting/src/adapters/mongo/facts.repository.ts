import { isDuplicateKey } from '@rs/db';
import { type Connection, Schema } from 'mongoose';
import type { FactErasure } from '../../app/erase-candidates';
import { erasedCandidates } from './erased.repository';
import type { FactStore } from '../../app/ports';
import {
  COOPERATION_KINDS,
  cooperationOfFact,
  type Fact,
  type FollowUpFact,
  type FollowUpOutcomeFact,
  factKey,
  type HireFact,
  orderOfFact,
  type ParticipantFact,
} from '../../domain/facts';

/**
 * One document per fact under its key (facts.ts): the unique `_id` is what makes a redelivery
 * count once, on FerretDB as on MongoDB 7. `orderId` is set on the facts about an order, which are
 * found through their order; `cooperation` on order facts and on the kinds found by their
 * cooperation (courses, seats, needs, follow-ups, agreements).
 */
const factSchema = new Schema(
  {
    _id: { type: String, required: true },
    kind: { type: String, required: true },
    orderId: { type: String, default: null, index: true },
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
  const insert = insertFact(models);
  return {
    async record(list) {
      let inserted = 0;
      for (const fact of list) if (await insert(fact)) inserted++;
      return inserted;
    },
    async ofCooperation(cooperation) {
      const orders = await facts.find({ kind: 'order', cooperation }, { _id: 0, orderId: 1 }).lean();
      const ids = orders.map((o) => String(o.orderId));
      // A follow-up is both about an order and of a cooperation: each fact once, by its key.
      const result = new Map<string, Fact>();
      for (let i = 0; i < ids.length; i += CHUNK) {
        const docs = await facts.find({ orderId: { $in: ids.slice(i, i + CHUNK) } }, { _id: 1, fact: 1 }).lean();
        for (const d of docs) result.set(String(d._id), d.fact as Fact);
      }
      const own = await facts.find({ kind: { $in: [...COOPERATION_KINDS] }, cooperation }, { _id: 1, fact: 1 }).lean();
      for (const d of own) result.set(String(d._id), d.fact as Fact);
      return [...result.values()];
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

/** Inserts a fact under its key; false when the key is taken (a redelivery). */
function insertFact({ facts }: FactModels) {
  return async (fact: Fact): Promise<boolean> => {
    try {
      await facts.collection.insertOne({
        _id: factKey(fact) as never,
        kind: fact.kind,
        orderId: orderOfFact(fact),
        cooperation: cooperationOfFact(fact),
        fact,
      });
      return true;
    } catch (error) {
      if (isDuplicateKey(error)) return false;
      throw error;
    }
  };
}

/** The facts naming candidates, for cv.erased: found by the ref inside the fact, re-keyed under the erased marker. */
export function factErasure(models: FactModels): FactErasure {
  const insert = insertFact(models);
  return {
    async naming(jobcentre, refs) {
      const docs = await models.facts
        .find({ kind: { $in: ['hire', 'participant'] }, 'fact.jobcentre': jobcentre, 'fact.candidateRef': { $in: [...refs] } }, { fact: 1 })
        .lean();
      return docs.map((d) => d.fact as HireFact | ParticipantFact);
    },
    async followUpsOf(jobcentre) {
      const docs = await models.facts
        .find({ kind: { $in: ['follow-up', 'follow-up-outcome'] }, 'fact.jobcentre': jobcentre }, { fact: 1 })
        .lean();
      return docs.map((d) => d.fact as FollowUpFact | FollowUpOutcomeFact);
    },
    markErased: (markers) => erasedCandidates(models.facts.db).mark(markers),
    async replace(original, replacement) {
      // Insert first: a crash before the delete leaves the original, which the redelivery re-keys
      // onto the same taken key (not counted twice) and then deletes.
      await insert(replacement);
      await models.facts.deleteOne({ _id: factKey(original) });
    },
  };
}
