import type { CooperationView } from '@rs/contracts';
import type { PublishEntry } from '@rs/db';
import type { CourseStore, NeedStore, SeenOrders } from './ports';

/** What the use cases need; built once in main.ts. Stores are ports (./ports.ts), not models. */
export interface UpskillingDeps {
  courses: CourseStore;
  needs: NeedStore;
  seenOrders: SeenOrders;
  now: () => Date;
  newId: () => string;
  /** The cooperations as this service follows them now (runService's directory): scopes, leads, audiences. */
  cooperations: () => CooperationView;
  /**
   * How far a request's envelope time may lie before its processing (COURSE_REQUEST_SKEW_SECONDS):
   * a request is judged on time by when it arrived, bounded by this; the window's timer fires this
   * long after the close so requests in flight land first.
   */
  requestSkewMs: number;
  /** Publishes now with a confirm (for messages that change no state: refusals). */
  publish: (entry: PublishEntry) => Promise<void>;
}

export const SOURCE = '/services/upskilling-seat';
