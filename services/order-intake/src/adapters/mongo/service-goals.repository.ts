import { createStore, type Handoff } from '@rs/db';
import type { ServiceGoalStore } from '../../app/service-goal-ports';
import { GOAL_IDS, goalFlags, type ServiceGoals, standing } from '../../domain/service-goals';
import type { ServiceGoalModels } from './service-goals.model';

/** `<goal>:<standing>` for each goal, plus `<goal>:warned`: one array field that every list filter matches by equality. */
function standings(state: ServiceGoals): string[] {
  return GOAL_IDS.flatMap((g) => {
    const clock = state.goals[g];
    return [`${g}:${standing(clock)}`, ...(clock.warnedAt !== undefined ? [`${g}:warned`] : [])];
  });
}

function stored(state: ServiceGoals): Record<string, unknown> {
  const { orderId: _id, ...fields } = state;
  const flags = goalFlags(state);
  return { ...fields, alternative: state.alternative ?? null, ...flags, standings: standings(state), open: flags.runningGoals.length > 0 };
}

function toState(doc: Record<string, unknown>): ServiceGoals {
  const { _id, alternative, leadJobcentre, cooperation, registeredAt, goals, timeline } = doc;
  return {
    orderId: String(_id),
    leadJobcentre: Number(leadJobcentre),
    cooperation: (cooperation as string | null) ?? null,
    registeredAt: (registeredAt as string | null) ?? null,
    goals: goals as ServiceGoals['goals'],
    timeline: (timeline as ServiceGoals['timeline']) ?? [],
    ...(alternative ? { alternative: alternative as NonNullable<ServiceGoals['alternative']> } : {}),
  };
}

const PROJECTION = { processed: 0, changeTokens: 0 };

/** The clocks in MongoDB, written through the change log (see @rs/db createStore). */
export function serviceGoalRepository(models: ServiceGoalModels, relay: Handoff): ServiceGoalStore {
  const model = models.serviceGoals;
  const store = createStore(model, relay);
  return {
    async load(orderId) {
      const found = await store.load(orderId);
      return found && { state: toState(found.doc), revision: found.revision };
    },
    save(orderId, write) {
      return store.save(orderId, {
        revision: write.revision,
        set: stored(write.state),
        outbox: write.outbox,
        ...(write.processedId ? { processedId: write.processedId } : {}),
      });
    },
    insert(state, outbox, processedId) {
      return store.insert({ _id: state.orderId, ...stored(state) }, outbox, processedId);
    },
    async list({ orderIds, registeredFrom, registeredBefore, after, goal, standing: wanted, ...exact }, limit) {
      // By id: every clock of those orders, registered or not (the caller asked for exactly these).
      const and: Record<string, unknown>[] = orderIds ? [{ _id: { $in: orderIds } }] : [{ registeredAt: { $ne: null } }];
      const range = { ...(registeredFrom ? { $gte: registeredFrom } : {}), ...(registeredBefore ? { $lt: registeredBefore } : {}) };
      if (Object.keys(range).length > 0) and.push({ registeredAt: range });
      if (wanted) {
        const keys = (goal ? [goal] : GOAL_IDS).map((g) => `${g}:${wanted}`);
        and.push(keys.length === 1 ? { standings: keys[0] } : { $or: keys.map((k) => ({ standings: k })) });
      }
      if (after)
        and.push({ $or: [{ registeredAt: { $lt: after.registeredAt } }, { registeredAt: after.registeredAt, _id: { $lt: after.id } }] });
      const docs = await model.collection
        .find({ ...exact, $and: and }, { projection: PROJECTION })
        .sort({ registeredAt: -1, _id: -1 })
        .limit(limit)
        .toArray();
      return docs.map((d) => toState(d as Record<string, unknown>));
    },
    async *running() {
      const cursor = model.collection.find({ open: true }, { projection: PROJECTION }).batchSize(200);
      for await (const doc of cursor) yield toState(doc as Record<string, unknown>);
    },
  };
}
