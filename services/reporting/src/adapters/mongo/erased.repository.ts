import { erasedMarkerCollection } from '@rs/db';
import type { Connection } from 'mongoose';
import type { ErasedCandidates } from '../../app/erased-refs';

/** The erased markers reporting has seen, in its own database (the same collection as order-intake's). */
export const erasedCandidates = (connection: Connection): ErasedCandidates => erasedMarkerCollection(connection);
