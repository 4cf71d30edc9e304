/**
 * Compile-time tests of consume()'s handler map (checked by `tsc -p tsconfig.test.json`, part of
 * `npm test`; nothing here runs). Each `@ts-expect-error` must stay an error: if the typing
 * loosened so that one compiled, tsc would fail on the unused directive.
 */
import { SERVICE_QUEUES } from '@rs/contracts';
import { type Bus, consume, type Handlers } from '../src';

declare const bus: Bus;
const ok = async () => {};

export function handlerMaps() {
  // Exactly the consumed types, payloads typed from the catalogue.
  consume(bus, SERVICE_QUEUES.matchingCvs, {
    'cv.upserted': async (data) => {
      data.cvs satisfies unknown[];
    },
    'cv.withdrawn': async (data) => {
      data.candidateRefs satisfies string[];
    },
    'cv.sync-completed': async (data) => {
      data.total satisfies number;
    },
  });

  // A missing handler.
  // @ts-expect-error 'cv.sync-completed' is consumed by matching.cvs but has no handler
  consume(bus, SERVICE_QUEUES.matchingCvs, { 'cv.upserted': ok, 'cv.withdrawn': ok });

  // An extra handler, written in place.
  // @ts-expect-error order.closed is not consumed by matching.events
  consume(bus, SERVICE_QUEUES.matchingEvents, { 'order.registered': ok, 'order.amended': ok, 'order.closed': ok });

  // An extra handler in a map built elsewhere (no excess-property check applies to a variable).
  const built = { 'order.registered': ok, 'order.amended': ok, 'round.completed': ok };
  // @ts-expect-error round.completed is not consumed by matching.events
  consume(bus, SERVICE_QUEUES.matchingEvents, built);

  // A handler taking another message's payload.
  consume(bus, SERVICE_QUEUES.matchingEvents, {
    // @ts-expect-error order.registered's payload has no candidateRefs
    'order.registered': async (data) => void data.candidateRefs,
    'order.amended': ok,
  });

  // The map type itself is exact about names.
  // @ts-expect-error round.reply is not an order.registered handler
  const wrong: Handlers<'order.registered'> = { 'round.reply': ok };
  return wrong;
}
