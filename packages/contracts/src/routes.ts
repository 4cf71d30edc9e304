import { type Catalog, catalog, type MessageName } from './catalog';
import type { QueueSpec } from './queues';
import { type Binding, connectorRoutingKey, EXCHANGES, jobcentreQueue } from './topology';

/**
 * Where a message travels and which bindings bring it to a queue, both derived from the
 * catalogue entry's exchange, so a publisher's routing key and a consumer's binding are one rule:
 *
 *   rs.events      routing key = the message name                       binding: the name
 *   rs.jobcentres  routing key = the receiving queue (`jobcentre.<code>`) binding: the queue's own name
 *   rs.connectors  routing key = `jobcentre-<code>.<name>` (the sender)  binding: `*.<name>`, any jobcentre
 */

/** Messages between services, routed by name alone. */
export type EventName = {
  [N in MessageName]: Catalog[N]['exchange'] extends typeof EXCHANGES.events ? N : never;
}[MessageName];

/** Messages that name a jobcentre in their routing key: its queue (rs.jobcentres) or its broker user (rs.connectors). */
export type AddressedName = Exclude<MessageName, EventName>;

export interface Route {
  exchange: string;
  routingKey: string;
}

/** The exchange and routing key of an event. */
export function routeOf(name: EventName): Route;
/** The exchange and routing key of a message to a jobcentre (`jobcentre` = the recipient) or from its connector (= the sender). */
export function routeOf(name: AddressedName, jobcentre: number): Route;
export function routeOf(name: MessageName, jobcentre?: number): Route {
  const { exchange } = catalog[name];
  if (exchange === EXCHANGES.events) return { exchange, routingKey: name };
  if (jobcentre === undefined) throw new Error(`${name} travels on ${exchange}: its route needs the jobcentre`);
  if (exchange === EXCHANGES.jobcentres) return { exchange, routingKey: jobcentreQueue(jobcentre) };
  return { exchange, routingKey: connectorRoutingKey(jobcentre, name) };
}

/** The binding that brings `name` to the queue `queue`. */
export function bindingOf(name: MessageName, queue: string): Binding {
  const { exchange } = catalog[name];
  if (exchange === EXCHANGES.events) return { exchange, pattern: name };
  if (exchange === EXCHANGES.jobcentres) return { exchange, pattern: queue };
  // One word for the sender's user name (jobcentre-<code> has no dot), so every jobcentre matches.
  return { exchange, pattern: `*.${name}` };
}

/** A queue's bindings, one per distinct (exchange, pattern), in the order of its `consumes`. */
export function queueBindings(spec: QueueSpec): Binding[] {
  const seen = new Map<string, Binding>();
  for (const name of spec.consumes) {
    const binding = bindingOf(name, spec.name);
    seen.set(`${binding.exchange} ${binding.pattern}`, binding);
  }
  return [...seen.values()];
}

/** AMQP topic matching: `*` is one word, `#` zero or more (direct exchanges: `pattern` has neither). */
export function topicMatches(pattern: string, key: string): boolean {
  const words = pattern.split('.').map((p) => (p === '*' ? '[^.]+' : p === '#' ? '.*' : p.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&')));
  return new RegExp(`^${words.join('\\.')}$`).test(key);
}

/** Whether a message published by its route reaches the queue: what the broker will do, computed from the same data. */
export function reaches(spec: QueueSpec, route: Route): boolean {
  return queueBindings(spec).some((b) => b.exchange === route.exchange && topicMatches(b.pattern, route.routingKey));
}
