import { cooperationSeeds } from '@rs/reference-data';
import { type Committed, connectMongo } from '@rs/db';
import { createTestWorld, type TestWorld } from '@rs/testkit';
import type { Connection } from 'mongoose';
import { orderModels } from '../src/adapters/mongo/order.model';
import { orderRepository } from '../src/adapters/mongo/order.repository';
import { applyBroadcastEvent } from '../src/app/apply-round-event';
import { closeOrder } from '../src/app/close-order';
import type { OrderIntakeDeps } from '../src/app/deps';
import { hireCandidate } from '../src/app/hire-candidate';
import type { RoundEventView } from '../src/domain/order';
import { registerOrder } from '../src/app/register-order';
import type { Acting } from '../src/app/acting';
import { detailsFromSummary } from '../src/domain/details';

/**
 * Order-intake's use cases on its OrderStore port over the real MongoDB-wire server: each write
 * hands its event to the relay in the same call (no use case calls the relay), the round events'
 * inbox, and the retry loop under contention (concurrent hires never exceed the positions).
 */
describe('order store', () => {
  let world: TestWorld;
  let connection: Connection;
  let deps: OrderIntakeDeps;
  const handedOff: Committed[] = [];
  let seq = 0;

  beforeAll(async () => {
    world = await createTestWorld();
    connection = await connectMongo({
      url: world.mongoUrl,
      dbName: world.dbName('orders'),
      logger: { info() {}, warn() {} },
      retryForMs: 10_000,
    });
    const models = orderModels(connection);
    await models.orders.init();
    deps = {
      orders: orderRepository(models, { handoff: (c) => handedOff.push(c) }),
      now: () => new Date('2026-12-01T09:00:00.000Z'),
      cooperations: cooperationSeeds,
      newId: () => `00000000-0000-4000-8000-${String(++seq).padStart(12, '0')}`,
    };
  });
  afterAll(async () => {
    await connection?.close();
    await world?.dispose();
  });

  const register = async (positions: number) => {
    const result = await registerOrder(deps, {
      leadJobcentre: 147,
      cooperation: 'HRS',
      channel: 'jobcentre',
      registeredBy: 'consultant',
      company: { name: 'Firma', municipality: 147 },
      details: detailsFromSummary({
        title: 'Lagerarbejder',
        occupation: '932910',
        positions,
        municipality: 147,
        companyName: 'Firma',
        description: '',
      }),
      broadcast: null,
    });
    if (result.kind !== 'created') throw new Error(`registered: ${result.kind}`);
    return result.order;
  };
  const events = () => handedOff.flatMap((c) => c.entries.map((e) => (e.kind === 'publish' ? e.routingKey : e.kind)));
  const as = (jobcentre: number): Acting => ({ by: `consultant-${jobcentre}`, admin: false, may: (o) => o.leadJobcentre === jobcentre });
  const lead = as(147);

  it('registering and closing hand their events off with the write; a second close is refused', async () => {
    handedOff.length = 0;
    const order = await register(1);
    expect(await closeOrder(deps, order.id, { to: 'cancelled' }, lead)).toEqual({ ok: true, changed: true });
    expect(await closeOrder(deps, order.id, { to: 'cancelled' }, lead)).toMatchObject({ ok: false, status: 409 });
    expect(await closeOrder(deps, order.id, { to: 'cancelled' }, as(151))).toMatchObject({ ok: false, status: 404 });
    expect(events()).toEqual(['order.registered', 'order.status-changed', 'order.closed']);
    expect((await deps.orders.load(order.id))!.state).toMatchObject({
      id: order.id,
      status: 'cancelled',
      closedAt: '2026-12-01T09:00:00.000Z',
    });
  });

  it('a round event is folded in once per message id, and one for an unknown order is ignored', async () => {
    const order = await register(1);
    const opened: RoundEventView = { type: 'opened', roundId: `${order.id}-1`, scope: 'cooperation', recipients: [101, 151] };
    await applyBroadcastEvent(deps, order.id, opened, 'msg-1');
    await applyBroadcastEvent(
      deps,
      order.id,
      { type: 'reply-recorded', roundId: `${order.id}-1`, recipient: 101, candidateCount: 2 },
      'msg-2',
    );
    await applyBroadcastEvent(
      deps,
      order.id,
      { type: 'reply-recorded', roundId: `${order.id}-1`, recipient: 101, candidateCount: 2 },
      'msg-2',
    );
    await applyBroadcastEvent(deps, 'no-such-order', opened, 'msg-3');
    const loaded = (await deps.orders.load(order.id))!;
    expect(loaded.state.rounds).toEqual([
      {
        roundId: `${order.id}-1`,
        scope: 'cooperation',
        recipients: [101, 151],
        replied: [101],
        overdue: [],
        status: 'open',
        candidateCount: 2,
      },
    ]);
    expect(loaded.revision).toMatchObject({ version: 3, processed: ['msg-1', 'msg-2'] });
  });

  it('reads an order stored before issue 15 with its defaults (no migration): details from its summary, `unfilled` as closed-unfilled', async () => {
    const models = orderModels(connection);
    await models.orders.collection.insertOne({
      _id: 'legacy-order-1' as never,
      leadJobcentre: 147,
      cooperation: 'HRS',
      channel: 'jobcentre',
      registeredBy: 'consultant',
      registeredAt: '2026-11-01T09:00:00.000Z',
      status: 'unfilled',
      company: { name: 'Gammel ApS', municipality: 147 },
      order: { title: 'Pakker', occupation: '9321', positions: 2, municipality: 147, companyName: 'Gammel ApS', description: '' },
      broadcastRequested: null,
      rounds: [
        { roundId: 'legacy-order-1-1', recipients: [101, 151], replied: [101, 151], overdue: [], status: 'complete', candidateCount: 0 },
      ],
      hires: [{ jobcentre: 101, candidateRef: 'old-1', hiredAt: '2026-11-02T09:00:00.000Z' }],
      version: 1,
    });
    const { state } = (await deps.orders.load('legacy-order-1'))!;
    expect(state).toMatchObject({
      status: 'closed-unfilled',
      details: {
        occupation: { code: '9321', taxonomy: 'DISCO-08' },
        positions: 2,
        workplaceMunicipality: 147,
        requirements: { licences: [] },
      },
      recipientJobcentres: [101, 151],
      referrals: [],
      timeline: [],
      amendments: 0,
      largeProject: false,
    });
    expect(await deps.orders.list({ status: ['closed-unfilled'], visibleTo: 151 }, 10)).toEqual([
      expect.objectContaining({ id: 'legacy-order-1' }),
    ]);
    // A legacy hire (no hours) is found, and counts as full-time against the candidate's next one.
    expect(await deps.orders.hiresOf(101, 'old-1')).toEqual([{ orderId: 'legacy-order-1', startDate: undefined, weeklyHours: undefined }]);
    expect(await deps.orders.hiresOf(151, 'old-1')).toEqual([]);
  });

  it('eight concurrent hires for two positions: exactly two recorded, the rest refused, each recorded once', async () => {
    handedOff.length = 0;
    const order = await register(2);
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        hireCandidate(deps, order.id, { jobcentre: 101, candidateRef: `cand-${i}`, startDate: '2027-01-04', weeklyHours: 37 }, lead),
      ),
    );
    expect(results.filter((r) => r.ok && r.changed)).toHaveLength(2);
    expect(results.filter((r) => !r.ok && r.status === 409)).toHaveLength(6);
    const { state } = (await deps.orders.load(order.id))!;
    expect(state.hires).toHaveLength(2);
    expect(events().filter((e) => e === 'order.candidate-hired')).toHaveLength(2);
  });
});
