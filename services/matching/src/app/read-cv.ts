import { poolKey } from '../domain/candidate';
import type { MatchingDeps } from './deps';
import type { StoredCv } from './ports';

/**
 * A candidate's CV, read by its own jobcentre for a stated purpose. The read is recorded (who,
 * when, which, why) before the CV is returned: the CV is personal data. Undefined when the pool
 * does not hold it.
 */
export async function readCv(
  deps: Pick<MatchingDeps, 'pool' | 'candidateReads' | 'now'>,
  reader: { sub: string; role: string; jobcentre?: number },
  jobcentre: number,
  candidateRef: string,
  purpose: string,
): Promise<StoredCv | undefined> {
  const cv = await deps.pool.find(jobcentre, candidateRef);
  if (!cv) return undefined;
  await deps.candidateReads.record([
    {
      at: deps.now(),
      by: reader.sub,
      role: reader.role,
      ...(reader.jobcentre !== undefined ? { readerJobcentre: reader.jobcentre } : {}),
      candidate: poolKey(jobcentre, candidateRef),
      candidateJobcentre: jobcentre,
      candidateRef,
      kind: 'cv',
      purpose,
    },
  ]);
  return cv;
}
