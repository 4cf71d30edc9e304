import type { Relay } from '@rs/db';
import type { OrderModels } from '../adapters/mongo/order.model';

export interface OrderIntakeDeps {
  models: OrderModels;
  now: () => Date;
  newId: () => string;
  relay: Pick<Relay, 'handoff'>;
}

export const SOURCE = '/services/order-intake';
