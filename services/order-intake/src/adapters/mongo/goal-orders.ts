import { GOAL_IDS } from '../../domain/service-goals';
import type { ServiceGoalModels } from './service-goals.model';

/** At most this many orders for one goal filter: a list narrowed further by the caller's other filters. */
const MAX_GOAL_ORDERS = 5000;

/**
 * The ids of the orders with a warned or breached goal, from the clocks' `standings` (see
 * service-goals.repository: `<goal>:<standing>` and `<goal>:warned`). Breached includes a goal
 * met after its breach (met-late). For GET /orders?goal=.
 */
export function goalOrderIds(model: ServiceGoalModels['serviceGoals']) {
  return async (goal: 'warned' | 'breached'): Promise<string[]> => {
    const standings = goal === 'warned' ? ['warned'] : ['breached', 'met-late'];
    const keys = GOAL_IDS.flatMap((g) => standings.map((s) => `${g}:${s}`));
    const docs = await model.collection
      .find({ $or: keys.map((k) => ({ standings: k })) }, { projection: { _id: 1 } })
      .limit(MAX_GOAL_ORDERS)
      .toArray();
    return docs.map((d) => String(d._id));
  };
}
