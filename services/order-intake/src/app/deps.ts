import type { OrderStore } from './ports';

/** What the use cases need; built once in main.ts. Stores are ports (./ports.ts), not models. */
export interface OrderIntakeDeps {
  orders: OrderStore;
  now: () => Date;
  newId: () => string;
}

export const SOURCE = '/services/order-intake';
