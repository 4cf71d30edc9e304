import type { CooperationView } from '@rs/contracts';
import type { Thresholds } from '../domain/thresholds';
import type { FactStore } from './ports';

export interface ReportingDeps {
  facts: FactStore;
  now: () => Date;
  thresholds: Thresholds;
  /** Placements aimed for per quarter, by cooperation. */
  targets: Readonly<Record<string, number>>;
  /**
   * The cooperations as reporting's admin keeps them now (runService's directory over its own
   * store): which exist, their members, names. Passed into the rules, never read as a global.
   */
  cooperations: () => CooperationView;
}
