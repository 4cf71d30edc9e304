import { isDuplicateKey } from '@rs/db';
import type { Connection } from 'mongoose';
import type { ErasedCandidates } from '../../app/erased-refs';

/**
 * The erased markers reporting has seen, one document each (`_id` = the marker; a marker is
 * one-way, so this holds no ref): collection `erased_candidates` in reporting's own database.
 */
export function erasedCandidates(connection: Connection): ErasedCandidates {
  const collection = connection.collection<{ _id: string; at: Date }>('erased_candidates');
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
    async all() {
      return new Set((await collection.find({}, { projection: { _id: 1 } }).toArray()).map((d) => String(d._id)));
    },
  };
}
