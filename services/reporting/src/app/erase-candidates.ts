import { type CvErased, erasedRef } from '@rs/contracts';
import type { Fact, FollowUpFact, FollowUpOutcomeFact, HireFact, ParticipantFact } from '../domain/facts';
import { followUpIdWith } from './erased-refs';

/** The facts that name candidates, found and re-keyed by the fact store (adapters/mongo/facts.repository.ts). */
export interface FactErasure {
  /** The hire and participant facts naming any of these refs of their home jobcentre. */
  naming(jobcentre: number, refs: readonly string[]): Promise<Array<HireFact | ParticipantFact>>;
  /** The follow-up facts (planned and outcome) of the jobcentre's hires: their ids hold the ref. */
  followUpsOf(jobcentre: number): Promise<Array<FollowUpFact | FollowUpOutcomeFact>>;
  /** Remembers the erased markers, so a rebuild never brings the refs back (app/erased-refs.ts). */
  markErased(markers: readonly string[]): Promise<void>;
  /** Stores `replacement` under its own key, then deletes `original`: a crash between them leaves nothing counted twice. */
  replace(original: Fact, replacement: Fact): Promise<void>;
}

/**
 * cv.erased: reporting keeps no withdrawn candidate's ref. A hire or a participant's outcome
 * still counts, under the candidate's erased marker (the one upskilling-seat writes too, so a
 * participant and their hire still pair up); the marker's key is fixed by the ref, so a
 * redelivery re-keys nothing twice and finds nothing left.
 */
export async function eraseCandidates(facts: FactErasure, data: CvErased): Promise<number> {
  const refs = new Set(data.candidateRefs);
  // First: a rebuild that runs while this message is being applied already reads the refs as markers.
  await facts.markErased([...refs].map((ref) => erasedRef(data.jobcentre, ref)));
  const found = await facts.naming(data.jobcentre, [...refs]);
  let erased = 0;
  for (const fact of found) {
    if (fact.jobcentre !== data.jobcentre || !refs.has(fact.candidateRef)) continue;
    await facts.replace(fact, { ...fact, candidateRef: erasedRef(data.jobcentre, fact.candidateRef) });
    erased++;
  }
  // A follow-up's id is made from the hire's ref (order-intake's followUpId): re-keyed under the marker's id, which order-intake gives the follow-up too.
  for (const fact of await facts.followUpsOf(data.jobcentre)) {
    for (const ref of refs) {
      const followUpId = followUpIdWith(fact.followUpId, data.jobcentre, ref, erasedRef(data.jobcentre, ref));
      if (!followUpId) continue;
      await facts.replace(fact, { ...fact, followUpId });
      erased++;
    }
  }
  return erased;
}
