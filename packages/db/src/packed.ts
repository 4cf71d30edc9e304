import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { Binary } from 'mongodb';

/**
 * A value deflated into one binary field. FerretDB converts every field of a document on each
 * write, read and delete, so a large value nobody queries costs far less as one opaque field: a
 * national round's outbox is 119 KB of JSON and about 5 KB packed (its 95 envelopes differ in a
 * few fields). JSON, not BSON: the bson package's serialiser took 4 ms per round's outbox, about
 * 10 % of broadcast's CPU in the fan-out bench; JSON.stringify is several times faster. Level 1:
 * the envelopes repeat each other, so the fastest level packs them nearly as small.
 */
export function pack(value: unknown): Binary {
  return deflate(JSON.stringify(value));
}

export function unpack<T>(stored: Binary | Uint8Array): T {
  return JSON.parse(inflate(stored)) as T;
}

/** As pack, for a document whose dates must come back as dates (an aggregate's state). */
export function packDocument(doc: Record<string, unknown>): Binary {
  return deflate(
    JSON.stringify(doc, function (this: Record<string, unknown>, key, value) {
      const raw = this[key];
      return raw instanceof Date ? { [DATE]: raw.toISOString() } : value;
    }),
  );
}

export function unpackDocument(stored: Binary | Uint8Array): Record<string, unknown> {
  return JSON.parse(inflate(stored), (_key, value) =>
    value !== null && typeof value === 'object' && typeof value[DATE] === 'string' && Object.keys(value).length === 1
      ? new Date(value[DATE])
      : value,
  ) as Record<string, unknown>;
}

/** Marks a date in a packed document (a key no stored document uses: `$` starts no field name). */
const DATE = '$date';

function deflate(json: string): Binary {
  return new Binary(deflateRawSync(Buffer.from(json), { level: 1 }));
}

function inflate(stored: Binary | Uint8Array): string {
  return inflateRawSync(stored instanceof Binary ? stored.buffer : stored).toString('utf8');
}
