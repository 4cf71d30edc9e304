import { erasedRef } from '@rs/contracts';
import { erasedMarkerCollection, type Handoff, isDuplicateKey } from '@rs/db';
import type { CandidateCopies } from '../../app/erase-candidates';
import type { ErasedMarkers } from '../../app/erased-refs';
import { followUpRepository } from './follow-ups.repository';
import type { OrderModels } from './order.model';
import type { ServiceGoalModels } from './service-goals.model';

const hireKey = (jobcentre: number, ref: string) => `${jobcentre}/${ref}`;

/** Where order-intake's collections name a candidate, for cv.erased (see app/erase-candidates.ts). */
export function candidateCopies(models: Pick<OrderModels, 'orders' | 'hireClaims'> & ServiceGoalModels, relay: Handoff): CandidateCopies {
  const followUps = followUpRepository(models, relay);
  return {
    async ordersHolding(jobcentre, refs) {
      const docs = await models.orders.collection
        .find(
          {
            $or: [
              { hiredCandidates: { $in: refs.map((r) => hireKey(jobcentre, r)) } },
              // Orders written before the derived field, and referrals (presented, never hired): by the ref inside.
              { 'hires.candidateRef': { $in: [...refs] } },
              { 'referrals.candidateRef': { $in: [...refs] } },
            ],
          },
          { projection: { _id: 1 } },
        )
        .toArray();
      return docs.map((d) => String(d._id));
    },
    async followUpsOf(jobcentre, refs) {
      const docs = await models.followUps.collection
        .find({ jobcentre, candidateRef: { $in: [...refs] } }, { projection: { _id: 1 } })
        .toArray();
      const found = await Promise.all(docs.map((d) => followUps.load(String(d._id))));
      return found.flatMap((f) => (f ? [f.state] : []));
    },
    async removeFollowUp(id) {
      await models.followUps.collection.deleteOne({ _id: id as never });
    },
    async moveHireClaims(jobcentre, refs) {
      let moved = 0;
      for (const ref of refs) {
        const prefix = `${hireKey(jobcentre, ref)}/`;
        // Every `<jobcentre>/<ref>/<n>`: a range on the id ('0' follows '/'), no regular expression needed.
        const claims = await models.hireClaims.collection
          .find({ _id: { $gte: prefix, $lt: `${hireKey(jobcentre, ref)}0` } as never })
          .toArray();
        for (const claim of claims) {
          const id = String(claim._id);
          const n = id.slice(prefix.length);
          try {
            await models.hireClaims.collection.insertOne({
              _id: `${hireKey(jobcentre, erasedRef(jobcentre, ref))}/${n}` as never,
              orderId: claim.orderId,
              claimedAt: claim.claimedAt,
            });
          } catch (error) {
            if (!isDuplicateKey(error)) throw error;
          }
          await models.hireClaims.collection.deleteOne({ _id: id as never });
          moved++;
        }
      }
      return moved;
    },
  };
}

/** The erased markers, in order-intake's own database (like reporting's). */
export const erasedMarkers = (models: Pick<OrderModels, 'orders'>): ErasedMarkers => erasedMarkerCollection(models.orders.db);
