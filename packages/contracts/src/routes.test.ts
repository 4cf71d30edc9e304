import { catalog, type MessageName } from './catalog';
import { type AddressedName, queueBindings, reaches, routeOf } from './routes';
import { JOBCENTRE_MESSAGES, jobcentreQueueSpec, SERVICE_QUEUES } from './queues';
import { EXCHANGES } from './topology';

const names = Object.keys(catalog) as MessageName[];
/** Any message's route as published by or to jobcentre `code` (events ignore the code). */
const route = (name: MessageName, code: number) => routeOf(name as AddressedName, code);

describe('routes and bindings derived from the catalogue', () => {
  it.each(Object.values(SERVICE_QUEUES))('$name receives exactly what it consumes, from any jobcentre', (spec) => {
    for (const name of names) {
      for (const code of [101, 147, 851]) {
        expect({ name, code, reaches: reaches(spec, route(name, code)) }).toEqual({
          name,
          code,
          reaches: (spec.consumes as readonly MessageName[]).includes(name),
        });
      }
    }
  });

  it('a jobcentre queue receives its own messages and no one else’s', () => {
    const own = jobcentreQueueSpec(147);
    for (const name of JOBCENTRE_MESSAGES) {
      expect(reaches(own, routeOf(name, 147))).toBe(true);
      expect(reaches(own, routeOf(name, 101))).toBe(false);
    }
    expect(queueBindings(own)).toEqual([{ exchange: EXCHANGES.jobcentres, pattern: 'jobcentre.147' }]);
  });

  it('every message a connector receives travels on rs.jobcentres, and every queue consumes only catalogue names', () => {
    for (const name of JOBCENTRE_MESSAGES) expect(catalog[name].exchange).toBe(EXCHANGES.jobcentres);
    for (const spec of Object.values(SERVICE_QUEUES)) for (const name of spec.consumes) expect(Object.hasOwn(catalog, name)).toBe(true);
  });

  it('spells routing keys by the grammar of topology.ts', () => {
    expect(routeOf('order.registered')).toEqual({ exchange: 'rs.events', routingKey: 'order.registered' });
    expect(routeOf('round.order-broadcast', 147)).toEqual({ exchange: 'rs.jobcentres', routingKey: 'jobcentre.147' });
    expect(routeOf('round.reply', 147)).toEqual({ exchange: 'rs.connectors', routingKey: 'jobcentre-147.round.reply' });
    expect(queueBindings(SERVICE_QUEUES.matchingCvs)).toEqual([
      { exchange: 'rs.connectors', pattern: '*.cv.upserted' },
      { exchange: 'rs.connectors', pattern: '*.cv.withdrawn' },
      { exchange: 'rs.connectors', pattern: '*.cv.sync-completed' },
    ]);
  });

  it('refuses a route to or from a jobcentre without its code', () => {
    expect(() => (routeOf as (n: MessageName) => unknown)('round.reply')).toThrow(/needs the jobcentre/);
  });
});
