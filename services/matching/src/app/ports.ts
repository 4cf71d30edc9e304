import type { OutboxEntry } from '@rs/db';
import type { PoolCv } from '../domain/rank';

/**
 * The stores matching's use cases need, implemented by adapters/mongo/*.repository.ts (built in
 * main.ts).
 */

/** One ranking per order: the record of which candidates were read onto whose shortlist. */
export interface Ranking {
  orderId: string;
  rankedAt: Date;
  poolSize: number;
  /** Pool keys (see poolKey) of the candidates put on a shortlist. */
  shortlisted: string[];
}

export interface RankingStore {
  exists(orderId: string): Promise<boolean>;
  /** Inserts the ranking with its order.shortlisted event; false when the order was ranked before. */
  insert(ranking: Ranking, outbox: OutboxEntry[]): Promise<boolean>;
}

/** The shared candidate pool, as ranking reads it. */
export interface CandidatePool {
  /** The CVs that may fit an occupation: same 3-digit DISCO group. */
  candidatesFor(occupation: string): Promise<PoolCv[]>;
  /** How many candidates the pool holds (an estimate is fine). */
  size(): Promise<number>;
}
