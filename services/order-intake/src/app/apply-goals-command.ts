import { backOff, type OutboxEntry, TooMuchContention } from '@rs/db';
import { decideGoals, type GoalsCommand, type GoalsDecision, pendingTimers, type ServiceGoals } from '../domain/service-goals';
import { alertEntries, scheduleFor } from './service-goal-outgoing';
import type { ServiceGoalDeps } from './service-goal-deps';

export class GoalTimerEarly extends Error {}

export type GoalsResult = Exclude<GoalsDecision, { kind: 'write' }> | { kind: 'written'; state: ServiceGoals };

const MAX_ATTEMPTS = 50;

/**
 * load → decide → write for an order's clocks, retried when another writer came first (the next
 * attempt decides again on what that writer stored, so a warning or breach is recorded by one of
 * them only). The first command about an order inserts its clocks. `messageId` is the inbox mark:
 * a message applied before is not decided again.
 */
export async function applyGoalsCommand(
  deps: ServiceGoalDeps,
  orderId: string,
  command: GoalsCommand,
  messageId?: string,
): Promise<GoalsResult> {
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const loaded = await deps.goals.load(orderId);
    if (loaded && messageId && loaded.revision.processed.includes(messageId)) return { kind: 'unchanged' };
    const decision = decideGoals(loaded?.state, command, deps.schedule);
    if (decision.kind !== 'write') return decision;
    const { state, alerts } = decision;
    const before = loaded ? pendingTimers(loaded.state).length : 0;
    const outbox: OutboxEntry[] = [
      ...alertEntries(state, alerts),
      // A write that gives a clock its due times (the registration) schedules its timers with it.
      ...(before === 0 ? scheduleFor(state) : []),
    ];
    const saved = loaded
      ? await deps.goals.save(orderId, { revision: loaded.revision, state, outbox, ...(messageId ? { processedId: messageId } : {}) })
      : await deps.goals.insert(state, outbox, messageId);
    if (saved) {
      // Nothing left to time: the pending jobs would find nothing to do, so they need not wait in Redis.
      if (before > 0 && pendingTimers(state).length === 0) await deps.cancelTimers(orderId).catch(() => {});
      return { kind: 'written', state };
    }
    await backOff(attempt);
  }
  throw new TooMuchContention(`service goals of ${orderId}: too much contention, will retry`);
}
