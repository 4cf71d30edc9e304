import type { Fact } from './facts';
import { parsePeriod } from './period';
import { DEFAULT_THRESHOLDS } from './thresholds';

/*
 * The figures' unit tests' fixtures: one quarter of HRS with three members, and an order fact
 * of it. A test names only what it is about (`over` replaces fields).
 */

/** 2026-Q3, the quarter the figure tests count. */
export const TEST_QUARTER = parsePeriod('2026-Q3')!;

const MEMBERS = [101, 147, 151];

/** HRS in TEST_QUARTER with København, Frederiksberg and Gentofte as its members, default lights. */
export const testScope = <O extends object>(over: O = {} as O) => ({
  cooperation: 'HRS',
  period: TEST_QUARTER,
  members: MEMBERS,
  thresholds: DEFAULT_THRESHOLDS,
  cooperationOf: (j: number) => (MEMBERS.includes(j) ? 'HRS' : undefined),
  ...over,
});

/** One position ordered by København through a jobcentre on the quarter's first day. */
export const testOrder = (orderId: string, over: Partial<Extract<Fact, { kind: 'order' }>> = {}): Fact => ({
  kind: 'order',
  orderId,
  cooperation: 'HRS',
  leadJobcentre: 101,
  channel: 'jobcentre',
  positions: 1,
  at: '2026-07-01T08:00:00.000Z',
  ...over,
});
