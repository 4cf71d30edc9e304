import type { GoalSchedule } from '../domain/service-goals';
import type { ErasedMarkers } from './erased-refs';
import type { FollowUpStore, ServiceGoalStore } from './service-goal-ports';

/** What the service-goal and follow-up use cases need; built once in main.ts. */
export interface ServiceGoalDeps {
  goals: ServiceGoalStore;
  followUps: FollowUpStore;
  now: () => Date;
  schedule: GoalSchedule;
  /** Weeks after the start date at which the onboarding consultant follows up (ONBOARDING_FOLLOW_UP_WEEKS). */
  followUpWeeks: readonly number[];
  /** Removes an order's pending goal timers (best effort: a timer that runs anyway finds nothing to do). */
  cancelTimers(orderId: string): Promise<void>;
  /** The company names of orders (the follow-ups show whom to ask). Absent: none shown. */
  companyNames?: (orderIds: readonly string[]) => Promise<Map<string, string>>;
  /** The erased candidates' markers: a hire event naming an erased ref plans under its marker. Absent: none erased. */
  erased?: ErasedMarkers;
}
