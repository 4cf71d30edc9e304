import type { Connection } from 'mongoose';
import { isDuplicateKey } from './aggregate-store';

/**
 * The erased markers a service has seen (cv.erased), one document each in its own database's
 * `erased_candidates` (`_id` = the marker; a marker is one-way, so this holds no ref). Order
 * intake asks for one marker; reporting's rebuild reads them all.
 */
export interface ErasedMarkerCollection {
  /** Records the markers, once each: a redelivery changes nothing (unique inserts, no guarded update). */
  mark(markers: readonly string[]): Promise<void>;
  has(marker: string): Promise<boolean>;
  all(): Promise<Set<string>>;
}

export function erasedMarkerCollection(db: Connection): ErasedMarkerCollection {
  const collection = db.collection<{ _id: string; at: Date }>('erased_candidates');
  return {
    async mark(markers) {
      for (const marker of markers) {
        try {
          await collection.insertOne({ _id: marker, at: new Date() });
        } catch (error) {
          if (!isDuplicateKey(error)) throw error;
        }
      }
    },
    has: async (marker) => (await collection.countDocuments({ _id: marker }, { limit: 1 })) > 0,
    all: async () => new Set((await collection.find({}, { projection: { _id: 1 } }).toArray()).map((d) => String(d._id))),
  };
}
