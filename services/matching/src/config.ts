import { commonVars } from '@rs/config';
import { z } from 'zod';

export const serviceConfig = {
  ...commonVars,
  /** Database name of this service. Default matching. */
  MONGO_DB: z.string().min(1).default('matching'),
};
