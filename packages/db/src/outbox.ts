import type { Envelope } from '@rs/contracts';
import type { Binary } from 'mongodb';
import { pack, unpack } from './packed';

/** A message to publish once the state that produced it is stored. */
export interface PublishEntry {
  kind: 'publish';
  id: string;
  exchange: string;
  routingKey: string;
  envelope: Envelope;
}

/** A BullMQ delayed job to add (idempotently, by its id) once the state that needs it is stored. */
export interface ScheduleEntry {
  kind: 'schedule';
  id: string;
  queue: string;
  jobId: string;
  runAt: string;
  data: Record<string, string | number>;
}

export type OutboxEntry = PublishEntry | ScheduleEntry;

/**
 * How a change stores its entries: packed into one binary value (see pack). A list of JSON strings
 * is what versions before 2026-11-30 wrote; such changes are still read, so none in flight
 * during an upgrade is lost.
 */
export type StoredOutbox = Binary | string[];

export const packOutbox = (entries: OutboxEntry[]): StoredOutbox => (entries.length === 0 ? [] : pack(entries));

export function unpackOutbox(stored: StoredOutbox): OutboxEntry[] {
  return Array.isArray(stored) ? stored.map(decodeEntry) : unpack<OutboxEntry[]>(stored);
}

/** One entry as the older list form stored it. */
export const encodeEntry = (entry: OutboxEntry): string => JSON.stringify(entry);
export const decodeEntry = (raw: string): OutboxEntry => JSON.parse(raw) as OutboxEntry;
