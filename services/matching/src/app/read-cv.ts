import { poolKey } from '../domain/rank';
import type { MatchingDeps } from './deps';
import type { StoredCv } from './ports';

/**
 * A candidate's CV, read for a stated purpose. The read is recorded (who, when, which, why)
 * before the CV is returned: the CV is personal data. Undefined when the pool does not hold it.
 */
export async function readCv(
  deps: Pick<MatchingDeps, 'pool' | 'candidateReads' | 'now'>,
  reader: { sub: string; role: string },
  jobcentre: number,
  candidateRef: string,
  purpose: string,
): Promise<StoredCv | undefined> {
  const cv = await deps.pool.find(jobcentre, candidateRef);
  if (!cv) return undefined;
  await deps.candidateReads.record({
    at: deps.now(),
    by: reader.sub,
    role: reader.role,
    candidate: poolKey(jobcentre, candidateRef),
    purpose,
  });
  return cv;
}
