import type { CooperationView } from '@rs/contracts';
import type { ErasedMarkers } from './erased-refs';
import type { OrderStore } from './ports';

/** What the use cases need; built once in main.ts. Stores are ports (./ports.ts), not models. */
export interface OrderIntakeDeps {
  orders: OrderStore;
  now: () => Date;
  newId: () => string;
  /**
   * The cooperations as this service follows them now (runService's directory): each use case
   * passes them into its rules, so a cooperation the admin created or changed counts at once.
   */
  cooperations: () => CooperationView;
  /**
   * The orders with a warned or breached service goal (R3, R4), read from the clocks' own store:
   * what GET /orders?goal= narrows to. Absent: the filter finds none.
   */
  goalOrders?: (goal: 'warned' | 'breached') => Promise<string[]>;
  /** The erased candidates' markers: an incoming ref that was erased is recorded as its marker. Absent: none erased. */
  erased?: ErasedMarkers;
}

export const SOURCE = '/services/order-intake';
