import { commonVars } from '@rs/config';
import { z } from 'zod';

export const serviceConfig = {
  ...commonVars,
  /** Database name of this service. Default upskilling-seat. */
  MONGO_DB: z.string().min(1).default('upskilling-seat'),
};
