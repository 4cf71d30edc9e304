import type { CvErased } from '@rs/contracts';
import { decideAndSave } from '@rs/db';
import { type Erasure, eraseFromRound } from '../domain/erasure';
import type { Round } from '../domain/round';
import type { BroadcastDeps } from './deps';
import type { ErasureStore } from './ports';

export interface ErasureCount {
  shortlists: number;
  rounds: number;
  feedRecords: number;
}

/**
 * cv.erased: the candidates left the pool, so every copy broadcast holds goes — matching's
 * shortlists kept for later rounds, the replies recorded in rounds (open or closed) and the
 * messages kept for the 90-day catch-up feed. Each step finds what still holds them, so a
 * redelivery (or a crash half-way) finishes the job and otherwise changes nothing.
 */
export async function eraseCandidates(deps: BroadcastDeps & { erasure: ErasureStore }, data: CvErased): Promise<ErasureCount> {
  const e: Erasure = { jobcentre: data.jobcentre, refs: new Set(data.candidateRefs) };
  const count: ErasureCount = { shortlists: 0, rounds: 0, feedRecords: 0 };
  for (const ref of e.refs) {
    for (const orderId of await deps.erasure.shortlistsHolding(e.jobcentre, ref))
      if (await deps.erasure.eraseFromShortlists(orderId, e.jobcentre, e.refs)) count.shortlists++;
    for (const roundId of await deps.erasure.roundsHolding(ref)) if (await eraseFromOneRound(deps, roundId, e)) count.rounds++;
  }
  count.feedRecords = await deps.erasure.eraseFromFeed(e.jobcentre, e.refs);
  return count;
}

/** Through the change log like every round write: the round's next version without the candidates, no messages. */
function eraseFromOneRound(deps: BroadcastDeps, roundId: string, e: Erasure): Promise<boolean> {
  return deps.oneAtATime(roundId, () =>
    decideAndSave<Round, Round, boolean>(
      deps.rounds,
      roundId,
      (id) => deps.rounds.load(id),
      (loaded) => {
        const erased = loaded ? eraseFromRound(loaded.state, e) : undefined;
        return erased ? { result: true, write: { state: erased } } : { result: false };
      },
    ),
  );
}
