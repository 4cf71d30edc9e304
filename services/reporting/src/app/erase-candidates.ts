import { type CvErased, erasedRef } from '@rs/contracts';
import type { Fact, HireFact, ParticipantFact } from '../domain/facts';

/** The facts that name candidates, found and re-keyed by the fact store (adapters/mongo/facts.repository.ts). */
export interface FactErasure {
  /** The hire and participant facts naming any of these refs of their home jobcentre. */
  naming(jobcentre: number, refs: readonly string[]): Promise<Array<HireFact | ParticipantFact>>;
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
  const found = await facts.naming(data.jobcentre, [...refs]);
  let erased = 0;
  for (const fact of found) {
    if (fact.jobcentre !== data.jobcentre || !refs.has(fact.candidateRef)) continue;
    await facts.replace(fact, { ...fact, candidateRef: erasedRef(data.jobcentre, fact.candidateRef) });
    erased++;
  }
  return erased;
}
