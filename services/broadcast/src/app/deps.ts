import type { Relay } from '@rs/db';
import type { ReplyWindow } from '../domain/deadline';
import type { RoundModels } from '../adapters/mongo/round.model';

/** What the use cases need; built once in main.ts. */
export interface BroadcastDeps {
  models: RoundModels;
  now: () => Date;
  newId: () => string;
  window: ReplyWindow;
  addWorkingSeconds: (start: Date, seconds: number) => Date;
  relay: Pick<Relay, 'kick'>;
  cancelDeadline: (roundId: string, recipient: number) => Promise<void>;
}

export const SOURCE = '/services/broadcast';
