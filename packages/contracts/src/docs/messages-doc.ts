import { catalog, type MessageName } from '../catalog';
import { cloudEventType, Envelope, TYPE_PREFIX } from '../envelope';
import {
  connectorRoutingKey,
  DEAD_LETTER_ARGUMENTS,
  DEAD_LETTER_REASON_HEADER,
  EXCHANGE_TYPES,
  RETRY_DEFAULTS,
  RS_HEADERS,
  retryQueue,
  deadLetterQueue,
  EXCHANGES,
  jobcentreQueue,
  jobcentreUsername,
  QUEUE_LIMITS,
  QUEUES,
  TIMER_QUEUES,
  UNROUTABLE_HEADERS,
  UNROUTABLE_POLICY,
  workQueueArguments,
} from '../topology';
import { JOBCENTRE_MESSAGES, SERVICE_QUEUES } from '../queues';
import { queueBindings } from '../routes';
import { exampleEnvelope, withCodePlaceholder } from './examples';
import { renderJsonSchemas, schemaFileName } from './json-schemas';

const EXCHANGE_PURPOSES: Record<keyof typeof EXCHANGES, string> = {
  events: 'domain events between services; routing key = message name',
  jobcentres: "one message per jobcentre; routing key = the jobcentre's queue name",
  connectors: 'what connectors publish; routing key = `' + withCodePlaceholder((c) => connectorRoutingKey(c, '<message name>')) + '`',
  deadLetter: 'poison messages; routing key = the queue they died in',
  unroutable: `events that no queue was bound to, parked by their publisher in \`${QUEUES.unroutable}\` (below)`,
  retry: "retries of services' work queues: routing key = a delay queue, or the work queue it returns to; services and admins only",
};

/** Who reads each message a jobcentre's queue receives. The catalog does not say whom a jobcentre message is addressed to. */
const JOBCENTRE_READER: Record<(typeof JOBCENTRE_MESSAGES)[number], string> = {
  'round.order-broadcast': "the recipient jobcentre's connector",
  'round.reminder': "the recipient jobcentre's connector",
  'round.withdrawn': "the recipient jobcentre's connector",
  'round.reply-received': "the lead jobcentre's connector",
  'round.reply-refused': 'the connector of the jobcentre whose reply was refused',
  'round.overdue-notice': "the lead jobcentre's connector",
  'round.shortlist': "the recipient jobcentre's connector",
  'round.candidate-withdrawn': "the lead jobcentre's connector",
  'order.service-goal-notice': "the lead jobcentre's connector",
  'course.offered': "every jobcentre's connector in the course's scope, the lead's included",
  'seat.request-recorded': "the requesting jobcentre's connector",
  'seat.request-refused': 'the connector of the jobcentre whose seat request was refused',
  'seat.allocated': "each requesting jobcentre's connector",
  'seat.granted': "the connector of the jobcentre first on the course's waiting list",
  'seat.candidate-decided': "the connector of the candidate's jobcentre",
  'pool.stale-cvs': 'the connector of the jobcentre whose CVs are stale',
  'round.order-amended': "the recipient jobcentre's connector",
  'round.lead-changed': "the recipient jobcentre's connector",
  'pool.candidate-inquiry': "the connector (and web page) of the candidate's home jobcentre",
  'round.secretariat-notice': "the connector of the jobcentre hosting the cooperation's secretariat",
  'pool.inquiry-answered': 'the connector (and web page) of the jobcentre that asked',
  'pool.inquiry-answer-refused': 'the connector of the jobcentre whose inquiry answer was refused',
};

/** What each envelope attribute means; whether it is required comes from the Envelope schema itself. */
const ENVELOPE_MEANINGS: Record<keyof typeof Envelope.shape, string> = {
  specversion: 'always `"1.0"`',
  id: 'unique per message; the idempotency key. A re-sent message keeps its id: handle each id once',
  type:
    '`' +
    TYPE_PREFIX +
    '<name>.v<major>`, e.g. `' +
    cloudEventType('round.reply', catalog['round.reply'].version) +
    '`; a consumer dead-letters majors it does not know',
  source: '`/services/<service>` or `/jobcentres/<code>`; informational only, never the trusted sender',
  time: 'RFC 3339 instant the message was made, with `Z` or an offset',
  datacontenttype: '`application/json`',
  subject: 'the round id, where there is one',
  correlationid: 'the job order id (CloudEvents extension attribute); every message about one order carries it',
  data: 'the payload, per type below',
};

function placeholder(name: (code: number) => string): string {
  return withCodePlaceholder(name);
}

function routingKeyOf(name: MessageName): string {
  const { exchange } = catalog[name];
  if (exchange === EXCHANGES.events) return `\`${name}\``;
  if (exchange === EXCHANGES.jobcentres) return `\`${placeholder(jobcentreQueue)}\` of the receiving jobcentre`;
  return `\`${placeholder((c) => connectorRoutingKey(c, name))}\` of the sending jobcentre`;
}

function isJobcentreMessage(name: MessageName): name is (typeof JOBCENTRE_MESSAGES)[number] {
  return (JOBCENTRE_MESSAGES as readonly string[]).includes(name);
}

/** The service queues that consume the message (their bindings are derived from the same list). */
export function consumingQueues(name: MessageName): string[] {
  return Object.values(SERVICE_QUEUES)
    .filter((q) => (q.consumes as readonly MessageName[]).includes(name))
    .map((q) => q.name);
}

function consumersOf(name: MessageName): string {
  if (isJobcentreMessage(name)) return `${JOBCENTRE_READER[name]}, from \`${placeholder(jobcentreQueue)}\``;
  const queues = consumingQueues(name).map((q) => `\`${q}\``);
  return queues.length > 0 ? queues.join(', ') : '(none yet)';
}

interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  format?: string;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  description?: string;
}

function typeOf(s: JsonSchema): string {
  if (s.anyOf) return s.anyOf.map(typeOf).join(' or ');
  if (s.enum) return s.enum.map((v) => JSON.stringify(v)).join(' or ');
  if (s.const !== undefined) return JSON.stringify(s.const);
  if (s.type === 'array') return `array of ${s.items ? typeOf(s.items) : 'any'}`;
  const type = Array.isArray(s.type) ? s.type.join(' or ') : (s.type ?? 'any');
  return s.format ? `${type} (${s.format})` : type;
}

function constraintsOf(s: JsonSchema): string {
  const c: string[] = [];
  if (s.minLength !== undefined) c.push(`min length ${s.minLength}`);
  if (s.maxLength !== undefined) c.push(`max length ${s.maxLength}`);
  // zod's int() adds the safe-integer bounds; they say nothing to a reader.
  if (s.minimum !== undefined && s.minimum !== Number.MIN_SAFE_INTEGER) c.push(`≥ ${s.minimum}`);
  if (s.maximum !== undefined && s.maximum !== Number.MAX_SAFE_INTEGER) c.push(`≤ ${s.maximum}`);
  if (s.minItems !== undefined) c.push(`≥ ${s.minItems} items`);
  if (s.maxItems !== undefined) c.push(`≤ ${s.maxItems} items`);
  // Formats (date, date-time) carry long generated patterns; the format says it better.
  if (s.pattern && !s.format) c.push(`pattern \`${s.pattern}\``);
  for (const member of s.anyOf ?? []) {
    const inner = constraintsOf(member);
    if (inner) c.push(inner);
  }
  if (s.type === 'array' && s.items && !s.items.properties) {
    const inner = constraintsOf(s.items);
    if (inner) c.push(`each ${inner}`);
  }
  return c.join(', ');
}

/** Markdown table cells: a `|` would end the cell, even inside backticks. */
function cell(text: string): string {
  return text.replace(/\|/g, '\\|');
}

function fieldRows(schema: JsonSchema, prefix = ''): string[] {
  const rows: string[] = [];
  for (const [key, value] of Object.entries(schema.properties ?? {})) {
    const path = `${prefix}${key}`;
    const required = (schema.required ?? []).includes(key) ? 'yes' : 'no';
    rows.push(`| \`${path}\` | ${cell(typeOf(value))} | ${required} | ${cell(constraintsOf(value))} |`);
    for (const object of [value, ...(value.anyOf ?? [])]) {
      if (object.properties) rows.push(...fieldRows(object, `${path}.`));
      if (object.type === 'array' && object.items?.properties) rows.push(...fieldRows(object.items, `${path}[].`));
    }
  }
  return rows;
}

const code = (text: string | number) => `\`${text}\``;

/** One table, or for a union on a field (round.reply's `answer`) one table per variant. */
function fieldTables(schema: JsonSchema): string[] {
  const table = (s: JsonSchema) => ['| field | type | required | constraints |', '|---|---|---|---|', ...fieldRows(s), ''];
  const variants = schema.oneOf ?? schema.anyOf;
  if (!variants || schema.properties) return table(schema);
  return variants.flatMap((variant) => {
    const tag = Object.entries(variant.properties ?? {}).find(([, v]) => v.const !== undefined);
    return [tag ? `When ${code(tag[0])} is ${code(JSON.stringify(tag[1].const))}:` : 'Or:', '', ...table(variant)];
  });
}

function envelopeSection(schema: JsonSchema): string[] {
  const required = new Set(schema.required ?? []);
  return [
    '## Envelope',
    '',
    'Every message body is one JSON object: a CloudEvents 1.0 event in structured mode. Unknown extra attributes are ignored.',
    `Its JSON Schema is [schemas/envelope.json](schemas/envelope.json).`,
    '',
    '| attribute | required | meaning | constraints |',
    '|---|---|---|---|',
    ...(Object.keys(Envelope.shape) as (keyof typeof Envelope.shape)[]).map(
      (key) =>
        `| ${code(key)} | ${required.has(key) ? 'yes' : 'no'} | ${cell(ENVELOPE_MEANINGS[key])} | ${cell(constraintsOf(schema.properties?.[key] ?? {}))} |`,
    ),
    '',
    `The \`type\` grammar is ${code(`${TYPE_PREFIX}<name>.v<major>`)}: the name is the catalog name below, the major is its`,
    'version. A compatible change (a new optional field) keeps the major; anything else is a new major, sent beside the old one',
    'until every consumer reads it. A consumer dead-letters a type or major it does not know.',
    '',
    '`id` is the idempotency key: publishers keep it when they re-send (after a crash, a lost confirm), so every consumer',
    'handles each id once and a duplicate changes nothing. `correlationid` is the job order id.',
    '',
    '### AMQP properties',
    '',
    '| property | value |',
    '|---|---|',
    '| `delivery_mode` | 2 (persistent) |',
    '| `content_type` | `application/cloudevents+json` |',
    '| `message_id` | the envelope `id` |',
    '| `type` | the envelope `type` |',
    '| `correlation_id` | the envelope `correlationid`, when set |',
    '| `timestamp` | the envelope `time` in seconds (set by the platform; optional for connectors) |',
    `| \`user_id\` | connectors only: their broker user ${code(placeholder(jobcentreUsername))} |`,
    '',
    `The trusted sender of a connector's message is the AMQP \`user_id\` property: RabbitMQ refuses a \`user_id\` that is not`,
    'the user of the connection, so a jobcentre cannot speak for another. The sender is never read from the body (`source` is',
    'informational). A message from a connector without `user_id` is dead-lettered.',
    `Publishers wait for the broker's confirm; a message over ${QUEUE_LIMITS.maxMessageBytes} bytes is dead-lettered as oversized.`,
  ];
}

function topologySection(): string[] {
  const exchangeKeys = Object.keys(EXCHANGES) as (keyof typeof EXCHANGES)[];
  const jobcentreQueueName = placeholder(jobcentreQueue);
  const queueArguments = (queue: string) =>
    Object.entries(workQueueArguments(queue))
      .map(([k, v]) => code(`${k}: ${v}`))
      .join(', ');
  return [
    '## Topology',
    '',
    'Every name below comes from `packages/contracts/src/topology.ts`; renaming one is a migration.',
    '',
    '| exchange | type | durable | carries |',
    '|---|---|---|---|',
    ...exchangeKeys.map((k) => `| ${code(EXCHANGES[k])} | ${EXCHANGE_TYPES[k]} | yes | ${EXCHANGE_PURPOSES[k]} |`),
    '',
    'Each queue consumes a list of message types; its bindings follow from where the catalogue sends each type',
    `(${code(EXCHANGES.events)}: the name; ${code(EXCHANGES.connectors)}: ${code('*.<name>')}; ${code(EXCHANGES.jobcentres)}: the queue name).`,
    'A type a queue does not consume is dead-lettered there as `unexpected-type`.',
    '',
    '| queue | consumes | bound to (exchange, routing key) | dead letters go to |',
    '|---|---|---|---|',
    ...Object.values(SERVICE_QUEUES).map(
      (q) =>
        `| ${code(q.name)} | ${q.consumes.map(code).join(', ')} | ${queueBindings(q)
          .map((b) => `${code(b.exchange)} ${code(b.pattern)}`)
          .join(', ')} | ${code(deadLetterQueue(q.name))} |`,
    ),
    `| ${code(jobcentreQueueName)}, one per jobcentre | the ${JOBCENTRE_MESSAGES.length} jobcentre messages below | ${code(EXCHANGES.jobcentres)} ${code(jobcentreQueueName)} | ${code(deadLetterQueue(jobcentreQueue(101)))} |`,
    '',
    `A jobcentre is named by the municipality code of its host municipality (3 digits, e.g. 101 = København): its queue is`,
    `${code(jobcentreQueueName)}, its broker user ${code(placeholder(jobcentreUsername))}, and it publishes to ${code(EXCHANGES.connectors)}`,
    `with the routing key ${code(placeholder((c) => connectorRoutingKey(c, '<message name>')))}, e.g. ${code(connectorRoutingKey(147, 'round.reply'))}.`,
    'Its broker user may read only its own queue, write only to that exchange with routing keys that start with its own user',
    'name, and configure nothing: a connector never declares queues or exchanges.',
    '',
    `Work queues (service and jobcentre queues) are durable and declared with ${queueArguments('<queue>')}.`,
    `A message redelivered ${QUEUE_LIMITS.deliveryLimit} times (\`x-delivery-limit\`, counting requeues after crashes) is dead-lettered by the broker.`,
    `Dead-letter queues (${code(deadLetterQueue('<queue>'))}, and ${code(QUEUES.jobcentresDeadLetter)} for every jobcentre queue) are bound to`,
    `${code(EXCHANGES.deadLetter)} and declared with ${Object.entries(DEAD_LETTER_ARGUMENTS)
      .map(([k, v]) => code(`${k}: ${v}`))
      .join(', ')}.`,
    `A consumer that rejects a message on purpose (bad JSON, bad envelope, unknown type or major, invalid data, missing sender,`,
    `oversized, a rule violation) publishes it there itself with the reason in the header ${code(DEAD_LETTER_REASON_HEADER)}, the queue in`,
    `${code(RS_HEADERS.originalQueue)} and the time in ${code(RS_HEADERS.deadLetteredAt)}, then acks it; it is never retried.`,
    `A service whose handler fails for a transient reason parks the message in a delay queue ${code(retryQueue('<queue>', 10_000))}`,
    `(one per delay, a fixed ${code('x-message-ttl')}) that dead-letters it back to the work queue through ${code(EXCHANGES.retry)}, with growing`,
    `delays (by default ${RETRY_DEFAULTS.delaysSeconds.map((d) => `${d} s`).join(', ')} repeated) for ${RETRY_DEFAULTS.maxSeconds / 60} minutes; then it is dead-lettered as ${code('retries-exhausted')}`,
    `with the number of attempts in ${code(RS_HEADERS.attempts)}.`,
    '',
    'Every message is published `mandatory`, so the broker returns one that no queue is bound for instead of confirming and',
    `dropping it. What happens then is fixed per exchange: ${Object.entries(UNROUTABLE_POLICY)
      .map(([exchange, policy]) => `${code(exchange)} ${policy === 'park' ? 'parks' : 'refuses'}`)
      .join(', ')}.`,
    `A parked event goes to the fanout exchange ${code(EXCHANGES.unroutable)} and waits in the queue ${code(QUEUES.unroutable)} with`,
    `the headers ${code(UNROUTABLE_HEADERS.exchange)} and ${code(UNROUTABLE_HEADERS.routingKey)} (where it was sent), for an admin to`,
    "inspect and publish there again; the write that produced it goes on. A refused message fails its publish: the platform's",
    'outbox keeps it and retries, a connector sees the error, a consumer whose retry copy or dead letter is refused requeues the original. Both are logged as errors and counted in',
    "`rs_messages_unroutable_total{exchange,routing_key,outcome}` on the publishing service's `/metrics`. A connector should",
    'publish `mandatory` too and treat a returned message as not sent (every queue a connector publishes to is declared by the platform).',
    '',
    `Timers are BullMQ queues in Redis, not AMQP: ${Object.values(TIMER_QUEUES).map(code).join(', ')}.`,
  ];
}

function messageSection(name: MessageName, schema: JsonSchema): string[] {
  const entry = catalog[name];
  const file = schemaFileName(name);
  return [
    `### ${code(name)} (v${entry.version})`,
    '',
    entry.description,
    '',
    `- CloudEvents type: ${code(cloudEventType(name, entry.version))}`,
    `- exchange: ${code(entry.exchange)}, routing key ${routingKeyOf(name)}`,
    `- published by: ${entry.publisher === 'connector' ? "a jobcentre's connector (with `user_id`)" : `the ${entry.publisher} service`}`,
    `- consumed by: ${consumersOf(name)}`,
    `- JSON Schema of \`data\`: [schemas/${file}](schemas/${file})`,
    '',
    ...fieldTables(schema),
    '```json',
    JSON.stringify(exampleEnvelope(name), null, 2),
    '```',
    '',
  ];
}

/** docs/messages.md, generated from the catalog and the topology: never edited by hand. */
export function renderMessagesDoc(): string {
  const schemas = renderJsonSchemas();
  const names = Object.keys(catalog) as MessageName[];
  const out: string[] = [
    '# Messages',
    '',
    '<!-- Generated by `node scripts/generate-docs.js` from packages/contracts. Do not edit by hand: a test fails when this file is stale. -->',
    '',
    'Generated by `node scripts/generate-docs.js` (after `pnpm exec tsc -b packages/contracts`) from `packages/contracts`;',
    'do not edit it by hand: `packages/contracts/test/docs-in-step.test.ts` fails when it is stale. The zod schemas there are',
    'the single source of truth; the JSON Schemas in [schemas/](schemas/) and [asyncapi.yaml](asyncapi.yaml) are generated',
    'from them too.',
    '',
    ...envelopeSection(schemas['envelope.json'] as JsonSchema),
    '',
    ...topologySection(),
    '',
    '## Message types',
    '',
    '| message | version | exchange | published by | a connector |',
    '|---|---|---|---|---|',
    ...names.map(
      (n) =>
        `| [${code(n)}](#${n.replace(/\./g, '')}-v${catalog[n].version}) | ${catalog[n].version} | ${code(catalog[n].exchange)} | ${catalog[n].publisher} | ${isJobcentreMessage(n) ? 'receives it' : catalog[n].publisher === 'connector' ? 'sends it' : ''} |`,
    ),
    '',
    ...names.flatMap((n) => messageSection(n, schemas[schemaFileName(n)] as JsonSchema)),
  ];
  return `${out.join('\n').trimEnd()}\n`;
}
