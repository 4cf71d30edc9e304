import type { CvErased } from '@rs/contracts';
import { decideAndSave } from '@rs/db';
import { type Erasure, eraseFromOrder, erasedFollowUp } from '../domain/erasure';
import type { FollowUp } from '../domain/follow-ups';
import type { OrderChanges } from '../domain/order';
import type { OrderStore } from './ports';

/**
 * Where order-intake's records name candidates, for cv.erased (adapters/mongo/erasure.repository.ts).
 * The orders themselves are written through the OrderStore, like every order write.
 */
export interface CandidateCopies {
  /** The ids of the orders whose hires or referral log name any of these candidates of the jobcentre. */
  ordersHolding(jobcentre: number, refs: readonly string[]): Promise<string[]>;
  /** The follow-ups planned for any of these candidates of the jobcentre. */
  followUpsOf(jobcentre: number, refs: readonly string[]): Promise<FollowUp[]>;
  /**
   * Stores `replacement` (its new id, through the change log), then deletes `original`: a crash
   * between them leaves the original, which the redelivery finds, re-keys onto the same taken id
   * (nothing twice) and deletes.
   */
  replaceFollowUp(original: FollowUp, replacement: FollowUp): Promise<void>;
  /** Moves the candidates' hire claims (`jobcentre/ref/n`) under their markers; resolves with how many. */
  moveHireClaims(jobcentre: number, refs: readonly string[]): Promise<number>;
}

export interface ErasureCount {
  orders: number;
  followUps: number;
  hireClaims: number;
}

/**
 * cv.erased: the candidates left the pool, so order-intake keeps no copy of their refs — the
 * hires, referral log and timeline notes of every order naming them, their onboarding follow-ups
 * (whose ids hold the ref) and their hire claims — each under the candidate's erased marker, the
 * counts kept. Each step finds what still holds them, so a redelivery (or a crash half-way)
 * finishes the job and otherwise changes nothing.
 */
export async function eraseCandidates(deps: { orders: OrderStore; copies: CandidateCopies }, data: CvErased): Promise<ErasureCount> {
  const e: Erasure = { jobcentre: data.jobcentre, refs: new Set(data.candidateRefs) };
  const refs = [...e.refs];
  const count: ErasureCount = { orders: 0, followUps: 0, hireClaims: 0 };
  for (const orderId of await deps.copies.ordersHolding(e.jobcentre, refs)) {
    const erased = await decideAndSave<Parameters<typeof eraseFromOrder>[0], OrderChanges, boolean>(
      deps.orders,
      orderId,
      (id) => deps.orders.load(id),
      (loaded) => {
        const changes = loaded ? eraseFromOrder(loaded.state, e) : undefined;
        return changes ? { result: true, write: { state: changes } } : { result: false };
      },
    );
    if (erased) count.orders++;
  }
  for (const followUp of await deps.copies.followUpsOf(e.jobcentre, refs)) {
    const replacement = erasedFollowUp(followUp, e);
    if (!replacement) continue;
    await deps.copies.replaceFollowUp(followUp, replacement);
    count.followUps++;
  }
  count.hireClaims = await deps.copies.moveHireClaims(e.jobcentre, refs);
  return count;
}
