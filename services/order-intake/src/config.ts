import { commonVars } from '@rs/config';
import { z } from 'zod';

export const orderIntakeConfig = {
  ...commonVars,
  /** Database name of this service. Default order-intake. */
  MONGO_DB: z.string().min(1).default('order-intake'),
};
