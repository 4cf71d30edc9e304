import { catalog, isMessageName, type MessageName, type PayloadOf } from './catalog';
import { cloudEventType, Envelope, parseCloudEventType } from './envelope';

export interface EncodeOptions {
  id: string;
  time: Date;
  source: string;
  correlationId?: string;
  subject?: string;
}

/** Builds a validated envelope; throws if the payload does not satisfy its schema (a bug, not input). */
export function makeEnvelope<N extends MessageName>(name: N, data: PayloadOf<N>, opts: EncodeOptions): Envelope {
  const entry = catalog[name];
  const parsed = entry.schema.parse(data);
  return {
    specversion: '1.0',
    id: opts.id,
    type: cloudEventType(name, entry.version),
    source: opts.source,
    time: opts.time.toISOString(),
    datacontenttype: 'application/json',
    ...(opts.subject ? { subject: opts.subject } : {}),
    ...(opts.correlationId ? { correlationid: opts.correlationId } : {}),
    data: parsed,
  };
}

export type Decoded = { [N in MessageName]: { name: N; envelope: Envelope; data: PayloadOf<N> } }[MessageName];

export type DecodeResult =
  | { ok: true; message: Decoded }
  | { ok: false; reason: 'bad-json' | 'bad-envelope' | 'unknown-type' | 'unsupported-version' | 'invalid-data'; detail: string };

/** Parses bytes from the wire into a typed message, or says precisely why not (for the dead-letter reason). */
export function decodeMessage(body: Buffer | string): DecodeResult {
  let raw: unknown;
  try {
    raw = JSON.parse(typeof body === 'string' ? body : body.toString('utf8'));
  } catch (error) {
    return { ok: false, reason: 'bad-json', detail: (error as Error).message };
  }
  const envelope = Envelope.safeParse(raw);
  if (!envelope.success) return { ok: false, reason: 'bad-envelope', detail: describeIssues(envelope.error.issues) };
  const type = parseCloudEventType(envelope.data.type);
  if (!type || !isMessageName(type.name)) {
    return { ok: false, reason: 'unknown-type', detail: `unknown type ${envelope.data.type}` };
  }
  const entry = catalog[type.name];
  if (type.version !== entry.version) {
    return { ok: false, reason: 'unsupported-version', detail: `${type.name} v${type.version} (this consumer reads v${entry.version})` };
  }
  const data = entry.schema.safeParse(envelope.data.data);
  if (!data.success) return { ok: false, reason: 'invalid-data', detail: describeIssues(data.error.issues, 'data') };
  return { ok: true, message: { name: type.name, envelope: envelope.data, data: data.data } as Decoded };
}

/** One line naming every bad field, never echoing values (they may be personal data). */
export function describeIssues(issues: ReadonlyArray<{ path: PropertyKey[]; message: string }>, prefix?: string): string {
  return issues
    .map((i) => {
      const path = [prefix, ...i.path.map(String)].filter(Boolean).join('.');
      return `${path || '(root)'}: ${i.message}`;
    })
    .join('; ');
}
