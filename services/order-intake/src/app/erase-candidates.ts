import { type CvErased, erasedRef } from '@rs/contracts';
import { backOff, decideAndSave, TooMuchContention } from '@rs/db';
import { type Erasure, eraseFromOrder, erasedFollowUp } from '../domain/erasure';
import type { FollowUp } from '../domain/follow-ups';
import type { OrderChanges } from '../domain/order';
import type { ErasedMarkers } from './erased-refs';
import type { OrderStore } from './ports';
import type { FollowUpStore } from './service-goal-ports';

/**
 * Where order-intake's records name candidates, for cv.erased (adapters/mongo/erasure.repository.ts).
 * The orders themselves are written through the OrderStore, like every order write.
 */
export interface CandidateCopies {
  /** The ids of the orders whose hires or referral log name any of these candidates of the jobcentre. */
  ordersHolding(jobcentre: number, refs: readonly string[]): Promise<string[]>;
  /** The follow-ups planned for any of these candidates of the jobcentre. */
  followUpsOf(jobcentre: number, refs: readonly string[]): Promise<FollowUp[]>;
  /** Deletes the follow-up (once its copy under the marker holds its latest state: moveFollowUp). */
  removeFollowUp(id: string): Promise<void>;
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
export interface ErasureDeps {
  orders: OrderStore;
  followUps: FollowUpStore;
  copies: CandidateCopies;
  erased: ErasedMarkers;
}

export async function eraseCandidates(deps: ErasureDeps, data: CvErased): Promise<ErasureCount> {
  const e: Erasure = { jobcentre: data.jobcentre, refs: new Set(data.candidateRefs) };
  const refs = [...e.refs];
  // First: a hire or referral arriving from now on is recorded under the marker, not the ref.
  await deps.erased.mark(refs.map((ref) => erasedRef(e.jobcentre, ref)));
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
    if (await moveFollowUp(deps, followUp, e)) count.followUps++;
  }
  count.hireClaims = await deps.copies.moveHireClaims(e.jobcentre, refs);
  return count;
}

/**
 * Inserts the follow-up's copy under its marker id, carries over what was recorded on the
 * original meanwhile (an outcome written since `original` was read), then deletes the original. A
 * crash between the steps leaves the original, which the redelivery finds and moves onto the same
 * id (nothing twice). An outcome written on the original after the carry-over is put on the copy by
 * the writer itself (recordFollowUpOutcome looks for the copy after its write), so none is lost.
 */
async function moveFollowUp(deps: Pick<ErasureDeps, 'followUps' | 'copies'>, original: FollowUp, e: Erasure): Promise<boolean> {
  const replacement = erasedFollowUp(original, e);
  if (!replacement) return false;
  await deps.followUps.insert(replacement, []);
  for (let attempt = 0; ; attempt++) {
    if (attempt >= 50) throw new TooMuchContention(`follow-up ${replacement.id}: too much contention`);
    const latest = await deps.followUps.load(original.id);
    if (!latest?.state.outcome) break;
    const copy = await deps.followUps.load(replacement.id);
    if (copy?.state.outcome) break;
    const moved = erasedFollowUp(latest.state, e);
    if (!moved) break;
    if (!copy) {
      if (await deps.followUps.insert(moved, [])) break;
    } else if (await deps.followUps.save(replacement.id, { revision: copy.revision, state: moved, outbox: [] })) break;
    await backOff(attempt);
  }
  await deps.copies.removeFollowUp(original.id);
  return true;
}
