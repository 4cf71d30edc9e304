import { connectMongo } from '@rs/db';
import { cooperationSeeds } from '@rs/reference-data';
import { createTestWorld, type TestWorld } from '@rs/testkit';
import type { Connection } from 'mongoose';
import { orderSnapshotRepository } from '../src/adapters/mongo/order-snapshot.repository';
import { roundModels } from '../src/adapters/mongo/round.model';
import { roundRepository } from '../src/adapters/mongo/round.repository';
import { shortlistRepository } from '../src/adapters/mongo/shortlist.repository';
import type { BroadcastDeps } from '../src/app/deps';
import { followHandover } from '../src/app/follow-handover';
import { loadOrderSnapshot, openRoundForOrder, type OrderSnapshot } from '../src/app/open-round';
import type { RoundStore } from '../src/app/ports';

/**
 * Issue 15: a round opened WHILE a handover is applied keeps no old lead. The interleavings are
 * provoked by hooks in the stores the use cases are given (real MongoDB-wire stores underneath),
 * not by timing: (a) the opener's insert lands just after the handover listed the order's rounds;
 * (b) the whole handover runs between the opener's read of the lead and its insert.
 */
const OLD_LEAD = 101;
const NEW_LEAD = 147;

describe('a round opened during a handover', () => {
  let world: TestWorld;
  let connection: Connection;
  let stores: Pick<BroadcastDeps, 'rounds' | 'orders' | 'shortlists'>;
  let seq = 0;

  beforeAll(async () => {
    world = await createTestWorld();
    connection = await connectMongo({
      url: world.mongoUrl,
      dbName: world.dbName('handover-race'),
      logger: { info() {}, warn() {} },
      retryForMs: 10_000,
    });
    const models = roundModels(connection);
    await Promise.all(Object.values(models).map((m) => m.init()));
    // No relay: the change log keeps the messages; the test reads the rounds' state only.
    stores = {
      rounds: roundRepository(models, { handoff: () => {} }),
      orders: orderSnapshotRepository(models),
      shortlists: shortlistRepository(models),
    };
  });
  afterAll(async () => {
    await connection?.close();
    await world?.dispose();
  });

  const depsWith = (rounds: RoundStore): BroadcastDeps => ({
    ...stores,
    rounds,
    now: () => new Date('2026-12-02T09:00:00.000Z'),
    newId: () => `00000000-0000-4000-8000-${String(++seq).padStart(12, '0')}`,
    window: { seconds: 600, mode: 'clock' },
    addWorkingSeconds: (start, seconds) => new Date(start.getTime() + seconds * 1000),
    reminderOffsets: [],
    publish: async () => {},
    autoEscalate: () => false,
    cooperations: () => cooperationSeeds(),
    oneAtATime: (_key, task) => task(),
    cancelTimers: async () => {},
  });

  /** An order that came without a round: its snapshot is the lead every later round starts from. */
  const anOrder = async (): Promise<OrderSnapshot> => {
    const snapshot: OrderSnapshot = {
      orderId: crypto.randomUUID(),
      leadJobcentre: OLD_LEAD,
      cooperation: 'HRS',
      order: { title: 'Lagerarbejder', occupation: '9321', positions: 1, municipality: 101, companyName: 'Lager A/S', description: '' },
    };
    await stores.orders.save(snapshot);
    return snapshot;
  };
  const handover = (orderId: string) => ({ orderId, from: OLD_LEAD, to: NEW_LEAD, reason: 'test', changedAt: '2026-12-02T08:59:00.000Z' });
  const leadOf = async (roundId: string) => (await stores.rounds.load(roundId))?.state.leadJobcentre;

  it('(a) the handover lists the rounds again after its own writes and hands over one inserted meanwhile', async () => {
    const before = await anOrder();
    const first = await openRoundForOrder(depsWith(stores.rounds), before, 'cooperation', 1);
    let inserted = false;
    const plain = depsWith(stores.rounds);
    const hooked: RoundStore = {
      ...stores.rounds,
      async idsOfOrder(orderId, options) {
        const ids = await stores.rounds.idsOfOrder(orderId, options);
        if (!inserted) {
          inserted = true;
          // An opener that read the old lead inserts round 2 right after this listing; its own
          // read of the lead (the other half) has not happened yet, so only a second listing finds it.
          const late = await openRoundForOrder(
            { ...plain, orders: { ...stores.orders, load: async () => before } },
            before,
            'east-denmark',
            2,
          );
          expect(late?.leadJobcentre).toBe(OLD_LEAD);
        }
        return ids;
      },
    };
    await followHandover(depsWith(hooked), handover(before.orderId), crypto.randomUUID());
    expect(inserted).toBe(true);
    expect([await leadOf(first!.id), await leadOf(`${before.orderId}-2`)]).toEqual([NEW_LEAD, NEW_LEAD]);
  });

  it('(b) a round inserted after the whole handover, from the lead read before it, takes the new lead', async () => {
    const before = await anOrder();
    await openRoundForOrder(depsWith(stores.rounds), before, 'cooperation', 1);
    const snapshot = await loadOrderSnapshot(depsWith(stores.rounds), before.orderId);
    expect(snapshot?.leadJobcentre).toBe(OLD_LEAD);
    let handedOver = false;
    const hooked: RoundStore = {
      ...stores.rounds,
      async insert(round, keeps, outbox) {
        if (round.id === `${before.orderId}-2` && !handedOver) {
          handedOver = true;
          await followHandover(depsWith(stores.rounds), handover(before.orderId), crypto.randomUUID());
        }
        return stores.rounds.insert(round, keeps, outbox);
      },
    };
    const opened = await openRoundForOrder(depsWith(hooked), snapshot!, 'east-denmark', 2);
    expect(handedOver).toBe(true);
    // Opened from the old lead, then followed the handover it found after its insert.
    expect(opened?.leadJobcentre).toBe(OLD_LEAD);
    expect(await leadOf(`${before.orderId}-2`)).toBe(NEW_LEAD);
    expect((await stores.rounds.load(`${before.orderId}-2`))?.state.leadSince).toBe('2026-12-02T08:59:00.000Z');
  });

  it('(b) also for an order whose first round is its record (no snapshot): the later round reads the lead there', async () => {
    const orderId = crypto.randomUUID();
    const withRound: OrderSnapshot = {
      orderId,
      leadJobcentre: OLD_LEAD,
      cooperation: 'HRS',
      order: { title: 'Lagerarbejder', occupation: '9321', positions: 1, municipality: 101, companyName: 'Lager A/S', description: '' },
    };
    await openRoundForOrder(depsWith(stores.rounds), withRound, 'cooperation', 1);
    const snapshot = await loadOrderSnapshot(depsWith(stores.rounds), orderId);
    let handedOver = false;
    const hooked: RoundStore = {
      ...stores.rounds,
      async insert(round, keeps, outbox) {
        if (round.id === `${orderId}-2` && !handedOver) {
          handedOver = true;
          await followHandover(depsWith(stores.rounds), handover(orderId), crypto.randomUUID());
        }
        return stores.rounds.insert(round, keeps, outbox);
      },
    };
    await openRoundForOrder(depsWith(hooked), snapshot!, 'east-denmark', 2);
    expect(handedOver).toBe(true);
    expect([await leadOf(`${orderId}-1`), await leadOf(`${orderId}-2`)]).toEqual([NEW_LEAD, NEW_LEAD]);
  });
});
