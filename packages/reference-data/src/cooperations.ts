import { COOPERATIONS } from './data/cooperations';
import type { Cooperation } from './types';

/** The cooperation with this id ('HRS', 'JRS'), or undefined. */
export function cooperation(id: string): Cooperation | undefined {
  return COOPERATIONS.find((c) => c.id === id);
}

/** Every cooperation. */
export function allCooperations(): readonly Cooperation[] {
  return COOPERATIONS;
}

/**
 * The cooperation this jobcentre is a member of, or undefined if none. The source data has
 * no jobcentre in two cooperations; the first match would win if one ever were.
 */
export function cooperationOf(jobcentreCode: number): Cooperation | undefined {
  return COOPERATIONS.find((c) => c.members.includes(jobcentreCode));
}
