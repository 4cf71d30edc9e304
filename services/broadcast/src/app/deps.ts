import type { PublishEntry } from '@rs/db';
import type { CooperationView } from '../domain/cooperations';
import type { ReplyWindow } from '../domain/deadline';
import type { OrderSnapshotStore, RoundStore, ShortlistStore } from './ports';

/** What the use cases need; built once in main.ts. Stores are ports (./ports.ts), not models. */
export interface BroadcastDeps {
  rounds: RoundStore;
  orders: OrderSnapshotStore;
  shortlists: ShortlistStore;
  now: () => Date;
  newId: () => string;
  window: ReplyWindow;
  addWorkingSeconds: (start: Date, seconds: number) => Date;
  /** Seconds before the deadline at which a silent recipient is reminded, e.g. [86400, 14400]. */
  reminderOffsets: number[];
  /** Publishes now with a confirm (for messages that change no state, e.g. reminders). */
  publish: (entry: PublishEntry) => Promise<void>;
  /** Whether the lead's cooperation opens the next wider round by itself (R7 policy). */
  autoEscalate: (leadJobcentre: number) => boolean;
  /**
   * The cooperations as broadcast knows them now (seeded from the reference data, followed from
   * cooperation.changed): read when a round opens, never after.
   */
  cooperations: () => CooperationView;
  /**
   * Runs the tasks of one key (a round id) one after the other in this process. Recipients'
   * replies, the deadline and reminders of one round can arrive at once: in turn they apply to
   * the newest version instead of racing for the same one and retrying (costly on a
   * single-writer store).
   */
  oneAtATime: <T>(key: string, task: () => Promise<T>) => Promise<T>;
  /**
   * Removes a round's pending timers (its deadline and reminders) once the round is complete or
   * closed; best effort, the handlers find nothing to do for a finished round anyway.
   */
  cancelTimers: (roundId: string) => Promise<void>;
}

export const SOURCE = '/services/broadcast';
