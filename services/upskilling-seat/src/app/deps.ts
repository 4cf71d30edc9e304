import type { PublishEntry } from '@rs/db';
import type { CourseStore, NeedStore, SeenOrders } from './ports';

/** What the use cases need; built once in main.ts. Stores are ports (./ports.ts), not models. */
export interface UpskillingDeps {
  courses: CourseStore;
  needs: NeedStore;
  seenOrders: SeenOrders;
  now: () => Date;
  newId: () => string;
  /** Publishes now with a confirm (for messages that change no state: refusals). */
  publish: (entry: PublishEntry) => Promise<void>;
}

export const SOURCE = '/services/upskilling-seat';
