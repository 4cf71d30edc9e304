import { createStore, type Handoff } from '@rs/db';
import type { FollowUpStore } from '../../app/service-goal-ports';
import type { FollowUp } from '../../domain/follow-ups';
import type { ServiceGoalModels } from './service-goals.model';

function stored(f: FollowUp): Record<string, unknown> {
  const { id: _id, ...fields } = f;
  return { ...fields, outcome: f.outcome ?? null, done: f.outcome !== undefined };
}

function toFollowUp(doc: Record<string, unknown>): FollowUp {
  const { _id, version: _v, processed: _p, changeTokens: _t, done: _d, outcome, weeklyHours, ...rest } = doc;
  return {
    ...(rest as Omit<FollowUp, 'id' | 'outcome' | 'weeklyHours'>),
    id: String(_id),
    ...(typeof weeklyHours === 'number' ? { weeklyHours } : {}),
    ...(outcome ? { outcome: outcome as NonNullable<FollowUp['outcome']> } : {}),
  };
}

/** Follow-ups in MongoDB, written through the change log; created by a unique insert of their id. */
export function followUpRepository(models: ServiceGoalModels, relay: Handoff): FollowUpStore {
  const model = models.followUps;
  const store = createStore(model, relay);
  return {
    async load(id) {
      const found = await store.load(id);
      return found && { state: toFollowUp(found.doc), revision: found.revision };
    },
    save(id, write) {
      return store.save(id, { revision: write.revision, set: stored(write.state), outbox: write.outbox });
    },
    insert(followUp, outbox) {
      return store.insert({ _id: followUp.id, ...stored(followUp) }, outbox);
    },
    async list({ dueBy, dueAfter, after, ...exact }, limit) {
      const and: Record<string, unknown>[] = [];
      const range = { ...(dueBy ? { $lte: dueBy } : {}), ...(dueAfter ? { $gt: dueAfter } : {}) };
      if (Object.keys(range).length > 0) and.push({ dueOn: range });
      if (after) and.push({ $or: [{ dueOn: { $gt: after.dueOn } }, { dueOn: after.dueOn, _id: { $gt: after.id } }] });
      const docs = await model.collection
        .find({ ...exact, ...(and.length > 0 ? { $and: and } : {}) }, { projection: { processed: 0, changeTokens: 0 } })
        .sort({ dueOn: 1, _id: 1 })
        .limit(limit)
        .toArray();
      return docs.map((d) => toFollowUp(d as Record<string, unknown>));
    },
  };
}
