import mongoose from 'mongoose';
import type { TestWorld } from './infra';

/*
 * The erasure tests' question: which stores still name a candidate. Every document of every
 * collection of the services' databases in the world is read as text (a copy can hide anywhere).
 */

export interface StoreScan {
  /** Where `text` stands, as sorted `<service>.<collection>` names. */
  holders(text: string): Promise<string[]>;
  /** A service's database, for a test's own questions of it. */
  db(service: string): mongoose.Connection;
  close(): Promise<void>;
}

/** Every string in a document; a packed value (Binary) through `unpack` when given, else skipped. */
function textOf(value: unknown, unpack?: (packed: mongoose.mongo.Binary) => unknown): string {
  if (value instanceof mongoose.mongo.Binary) {
    if (!unpack) return '';
    try {
      return textOf(unpack(value), unpack);
    } catch {
      return '';
    }
  }
  if (Array.isArray(value)) return value.map((v) => textOf(v, unpack)).join(' ');
  if (value && typeof value === 'object' && !(value instanceof Date))
    return Object.values(value)
      .map((v) => textOf(v, unpack))
      .join(' ');
  return String(value);
}

/**
 * Opens the databases of `services` in the world for scanning. `unpack` reads packed (deflated)
 * values, e.g. @rs/db's `unpack` for the change log's payloads. Close it in afterAll.
 */
export async function storeScan(
  world: TestWorld,
  services: readonly string[],
  options: { unpack?: (packed: mongoose.mongo.Binary) => unknown } = {},
): Promise<StoreScan> {
  const dbs = new Map<string, mongoose.Connection>();
  for (const service of services)
    dbs.set(service, await mongoose.createConnection(world.mongoUrl, { dbName: world.dbName(service) }).asPromise());
  return {
    async holders(text) {
      const found = new Set<string>();
      for (const [service, db] of dbs)
        for (const { name } of await db.db!.listCollections().toArray())
          for (const doc of await db.collection(name).find({}).toArray())
            if (textOf(doc, options.unpack).includes(text)) found.add(`${service}.${name}`);
      return [...found].sort();
    },
    db(service) {
      const db = dbs.get(service);
      if (!db) throw new Error(`storeScan opened no database of ${service}`);
      return db;
    },
    async close() {
      for (const db of dbs.values()) await db.close();
    },
  };
}
