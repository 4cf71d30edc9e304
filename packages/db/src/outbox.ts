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
 * How a change stores its entries: packed into one binary value (see pack), absent when there are
 * none. (The list of JSON strings that versions before 2026-11-30 wrote is no longer read: see
 * docs/operations.md, "Upgrading".)
 */
export const packOutbox = (entries: OutboxEntry[]): Binary | undefined => (entries.length === 0 ? undefined : pack(entries));

export const unpackOutbox = (stored: Binary | undefined): OutboxEntry[] => (stored ? unpack<OutboxEntry[]>(stored) : []);
