import { randomUUID } from 'node:crypto';
import type { Bus } from '@rs/bus';
import { type CvsUpserted, type AddressedName, jobcentreUsername, makeEnvelope, type PayloadOf, routeOf } from '@rs/contracts';

/**
 * Publishes a jobcentre's CV updates to the shared pool as that jobcentre (user_id = its broker
 * user, which the broker checks). Resolves when the broker confirmed each message.
 */
export interface CvPublisher {
  /** Adds or updates CVs; batches of 1–500 (the contract's limit). */
  upsertCvs(cvs: CvsUpserted['cvs'], syncId?: string): Promise<string>;
  /** Removes candidates from the pool; their CV data is deleted there. */
  withdrawCvs(candidateRefs: string[]): Promise<string>;
  /** Ends a full sync: the pool then deletes this jobcentre's CVs the run `syncId` did not contain. */
  completeSync(syncId: string, total: number): Promise<string>;
}

/**
 * Publishes one message as the jobcentre: its routing key, its user_id (checked by the broker),
 * confirmed. Every message a connector sends goes through here.
 */
export async function publishAsJobcentre<N extends AddressedName>(
  bus: Bus,
  jobcentre: number,
  name: N,
  data: PayloadOf<N>,
  time: Date,
  refs: { correlationId?: string; subject?: string } = {},
): Promise<string> {
  const id = randomUUID();
  const envelope = makeEnvelope(name, data, { id, time, source: `/jobcentres/${jobcentre}`, ...refs });
  const { exchange, routingKey } = routeOf(name, jobcentre);
  await bus.publish(exchange, routingKey, envelope, { userId: jobcentreUsername(jobcentre) });
  return id;
}

export function cvPublisher(bus: Bus, jobcentre: number, now: () => Date = () => new Date()): CvPublisher {
  const publish = <N extends AddressedName>(name: N, data: PayloadOf<N>) => publishAsJobcentre(bus, jobcentre, name, data, now());
  return {
    upsertCvs: (cvs, syncId) => publish('cv.upserted', syncId ? { syncId, cvs } : { cvs }),
    withdrawCvs: (candidateRefs) => publish('cv.withdrawn', { candidateRefs }),
    completeSync: (syncId, total) => publish('cv.sync-completed', { syncId, total }),
  };
}
