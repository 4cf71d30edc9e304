import { erasedRef, isErasedRef } from '@rs/contracts';

/**
 * The erased markers order-intake has seen (cv.erased), kept as one-way markers so no ref stays
 * (reporting keeps the same: its `erased_candidates`). A hire request or a hire event redelivered
 * after the erasure names the original ref again: mapped to its marker before anything is recorded,
 * it finds what the erasure left under the marker instead of planning follow-ups under the ref again.
 */
export interface ErasedMarkers {
  /** Records the markers (once each; a redelivery changes nothing). */
  mark(markers: readonly string[]): Promise<void>;
  has(marker: string): Promise<boolean>;
}

/** The ref as order-intake may record it: its marker when the candidate was erased. */
export async function recordableRef(erased: ErasedMarkers | undefined, jobcentre: number, candidateRef: string): Promise<string> {
  if (!erased || isErasedRef(candidateRef)) return candidateRef;
  const marker = erasedRef(jobcentre, candidateRef);
  return (await erased.has(marker)) ? marker : candidateRef;
}
