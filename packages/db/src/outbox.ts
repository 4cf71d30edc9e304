import type { Envelope } from '@rs/contracts';

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

/** Entries are stored as JSON strings inside the change that produced them. */
export const encodeEntry = (entry: OutboxEntry): string => JSON.stringify(entry);
export const decodeEntry = (raw: string): OutboxEntry => JSON.parse(raw) as OutboxEntry;
