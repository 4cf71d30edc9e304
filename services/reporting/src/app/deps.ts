import type { Thresholds } from '../domain/thresholds';
import type { FactStore } from './ports';

export interface ReportingDeps {
  facts: FactStore;
  now: () => Date;
  thresholds: Thresholds;
  /** Placements aimed for per quarter, by cooperation. */
  targets: Readonly<Record<string, number>>;
}
