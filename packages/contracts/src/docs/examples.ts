import { catalog, type MessageName } from '../catalog';
import { makeEnvelope } from '../codec';
import type { Envelope } from '../envelope';

/** Fixed id and time so the generated docs are the same on every run. */
const EXAMPLE_ID = '7d1f0c52-0000-4000-8000-000000000001';
const EXAMPLE_TIME = new Date('2026-11-25T09:00:00.000Z');
const EXAMPLE_CONNECTOR_CODE = 147;

/** The catalog example of a message as the full envelope a consumer receives. */
export function exampleEnvelope(name: MessageName): Envelope {
  const entry = catalog[name];
  const data = entry.example as { orderId?: string; roundId?: string };
  return makeEnvelope(name, entry.example as never, {
    id: EXAMPLE_ID,
    time: EXAMPLE_TIME,
    source: entry.publisher === 'connector' ? `/jobcentres/${EXAMPLE_CONNECTOR_CODE}` : `/services/${entry.publisher}`,
    ...(data.orderId ? { correlationId: data.orderId } : {}),
    ...(data.roundId ? { subject: data.roundId } : {}),
  });
}

const CODE_SENTINEL = 987654321;

/** A name pattern with its jobcentre code as a placeholder, e.g. `jobcentre.<code>`, from the topology's own function. */
export function withCodePlaceholder(name: (code: number) => string, placeholder = '<code>'): string {
  return name(CODE_SENTINEL).replace(String(CODE_SENTINEL), placeholder);
}
