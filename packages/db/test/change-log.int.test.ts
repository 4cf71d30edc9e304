import {
  aggregateFields,
  backOff,
  CHANGE_STALE_MS,
  type Change,
  changesOf,
  commitChange,
  connectMongo,
  type Committed,
  createStore,
  decideAndSave,
  type Loaded,
  HANDOFF_LEASE_MS,
  NEW_AGGREGATE,
  type OutboxEntry,
  packDocument,
  packOutbox,
  type Relay,
  type Revision,
  recoverChanges,
  setOf,
  startRelay,
  storeHooks,
  unpackOutbox,
} from '@rs/db';
import { createTestWorld, type TestWorld, waitFor } from '@rs/testkit';
import { type Connection, type Model, Schema } from 'mongoose';

/**
 * The concurrency guarantees of the change log (aggregate-store.ts) on the real server:
 * one winner per version, no lost updates under contention, the inbox check, roll-forward of a
 * crashed writer's change, and the relay's at-least-once hand-off.
 */

const quiet = { info() {}, warn() {} };

let world: TestWorld;
let connection: Connection;
let seq = 0;
const relays: Relay[] = [];

interface Doc {
  _id: string;
  version: number;
  processed: string[];
  [field: string]: unknown;
}

/** A fresh aggregate collection (and so a fresh `<name>_changes`) per test. */
function freshModel(): Model<any> {
  seq += 1;
  const schema = new Schema(
    { _id: { type: String, required: true }, ...aggregateFields },
    { strict: false, versionKey: false, collection: `agg${seq}` },
  );
  return connection.model(`ChangeLog${seq}`, schema);
}

/** The aggregate as the store's callers see it (the change tokens are the store's own bookkeeping). */
const load = async (model: Model<any>, id: string) => {
  const doc = await model.collection.findOne({ _id: id as never });
  if (!doc) return null;
  const { changeTokens: _tokens, ...rest } = doc as Record<string, unknown>;
  return rest as Doc;
};

/**
 * A guarded write by a writer that loaded `version` of the aggregate: it carries the aggregate's
 * arrays on as they are now if it is still at that version (a writer that loaded an older one
 * loses anyway, whatever it carries).
 */
async function writeAt(
  model: Model<any>,
  update: { id: string; version: number; set: Record<string, unknown>; outbox: OutboxEntry[]; processedId?: string; handoff?: boolean },
  now?: Date,
): Promise<Committed | false> {
  const doc = (await model.collection.findOne({ _id: update.id as never })) as Record<string, unknown> | null;
  const current = doc?.version === update.version;
  const revision: Revision = {
    version: update.version,
    processed: current ? (doc.processed as string[]) : [],
    changeTokens: current ? (doc.changeTokens as string[]) : [],
  };
  const { id, set, outbox, processedId } = update;
  return commitChange(
    model,
    { id, revision, set, outbox, ...(processedId ? { processedId } : {}) },
    {
      handoff: update.handoff ?? false,
      ...(now ? { now } : {}),
    },
  );
}

/** A new aggregate (a write over NEW_AGGREGATE). */
function create(
  model: Model<any>,
  { _id, ...set }: Record<string, unknown> & { _id: string },
  outbox: OutboxEntry[],
  processedId?: string,
  now?: Date,
  options: { handoff?: boolean } = {},
): Promise<Committed | false> {
  return commitChange(
    model,
    { id: _id, revision: NEW_AGGREGATE, set, outbox, ...(processedId ? { processedId } : {}) },
    {
      handoff: options.handoff ?? false,
      ...(now ? { now } : {}),
    },
  );
}

function entry(id: string): OutboxEntry {
  return {
    kind: 'publish',
    id,
    exchange: 'test.events',
    routingKey: 'test.happened',
    envelope: { id, type: 'test.happened', version: 1, time: '2025-01-01T00:00:00.000Z', source: 'test', data: {} } as never,
  };
}

function recordingLogger() {
  const warnings: string[] = [];
  return {
    warnings,
    logger: { warn: (_o: object, m?: string) => warnings.push(m ?? ''), error: (_o: object, m?: string) => warnings.push(m ?? '') },
  };
}

/** A tracked relay that records the ids it dispatches into `dispatched`. */
function recordingRelay(model: Model<any>, dispatched: string[], owner: string, pollMs: number, now?: () => Date): Relay {
  return track(
    startRelay({
      models: [model],
      dispatch: async (entries) => {
        dispatched.push(...entries.map((e) => e.id));
      },
      owner,
      pollMs,
      logger: recordingLogger().logger,
      ...(now ? { now } : {}),
    }),
  );
}

function track(relay: Relay): Relay {
  relays.push(relay);
  return relay;
}

beforeAll(async () => {
  world = await createTestWorld();
  connection = await connectMongo({ url: world.mongoUrl, dbName: world.dbName('changelog'), logger: quiet, retryForMs: 10_000 });
});

afterAll(async () => {
  for (const relay of relays) await relay.stop();
  await connection?.close();
  await world?.dispose();
});

describe('one winner per version', () => {
  it('10 concurrent guarded writes of the same version: exactly one returns true and the document holds its state (20 rounds)', async () => {
    const model = freshModel();
    for (let round = 0; round < 20; round++) {
      const id = `race-${round}`;
      expect(await create(model, { _id: id, winner: null, payload: null }, [])).toBeTruthy();
      const results = await Promise.all(
        Array.from({ length: 10 }, (_, k) =>
          writeAt(model, { id, version: 1, set: { winner: k, payload: { by: k, items: [{ k }] } }, outbox: [], processedId: `m-${k}` }),
        ),
      );
      const winners = results.flatMap((ok, k) => (ok ? [k] : []));
      expect(winners).toHaveLength(1);
      const k = winners[0]!;
      expect(await load(model, id)).toEqual({ _id: id, version: 2, winner: k, payload: { by: k, items: [{ k }] }, processed: [`m-${k}`] });
    }
    // Changes without messages are dropped once applied; losers leave nothing behind.
    expect(await changesOf(model).countDocuments({})).toBe(0);
  });

  it('15 writers each adding its own item with load → decide → guarded write → retry: all 15 items, version 16', async () => {
    const model = freshModel();
    const id = 'shared';
    await create(model, { _id: id, items: [] }, []);
    let conflicts = 0;
    const writer = async (w: number) => {
      for (let attempt = 0; attempt < 500; attempt++) {
        const doc = (await load(model, id))!;
        const items = doc.items as string[];
        if (items.includes(`item-${w}`)) return;
        if (await writeAt(model, { id, version: doc.version, set: { items: [...items, `item-${w}`] }, outbox: [] })) return;
        conflicts += 1;
        await backOff(attempt);
      }
      throw new Error(`writer ${w} gave up`);
    };
    await Promise.all(Array.from({ length: 15 }, (_, w) => writer(w)));
    const doc = (await load(model, id))!;
    expect([...(doc.items as string[])].sort()).toEqual(Array.from({ length: 15 }, (_, w) => `item-${w}`).sort());
    expect(doc.version).toBe(16);
    expect(conflicts).toBeGreaterThan(0);
  });
});

describe('inbox', () => {
  it('a message id applied twice in a row is refused by the load-time check: state, version and processed unchanged', async () => {
    const model = freshModel();
    const id = 'inbox';
    await create(model, { _id: id, count: 0 }, []);
    /** The use-case pattern: load, ack duplicates unchanged, else decide and save with the inbox mark. */
    const applyIncrement = async (messageId: string): Promise<'applied' | 'duplicate'> => {
      for (let attempt = 0; ; attempt++) {
        const doc = (await load(model, id))!;
        if (doc.processed.includes(messageId)) return 'duplicate';
        const ok = await writeAt(model, {
          id,
          version: doc.version,
          set: { count: (doc.count as number) + 1 },
          outbox: [entry(`out-of-${messageId}`)],
          processedId: messageId,
        });
        if (ok) return 'applied';
        await backOff(attempt);
      }
    };
    expect(await applyIncrement('msg-1')).toBe('applied');
    expect(await applyIncrement('msg-1')).toBe('duplicate');
    expect(await load(model, id)).toEqual({ _id: id, version: 2, count: 1, processed: ['msg-1'] });
    // One change, holding the one outgoing message.
    const changes = await changesOf(model).find({}).toArray();
    expect(changes.map((c) => [c._id, c.applied, unpackOutbox(c.outbox).length])).toEqual([[`${id}@2`, true, 1]]);
  });
});

describe('decideAndSave', () => {
  /** A counter as a port would offer it: state = { count }. */
  function counter(model: Model<any>) {
    const store = createStore(model);
    return {
      load: async (id: string): Promise<Loaded<{ count: number }> | undefined> => {
        const found = await store.load(id);
        return found && { state: { count: found.doc.count as number }, revision: found.revision };
      },
      save: (id: string, w: { revision: Revision; state: { count: number }; outbox: OutboxEntry[]; processedId?: string }) =>
        store.save(id, { revision: w.revision, set: w.state, outbox: w.outbox, ...(w.processedId ? { processedId: w.processedId } : {}) }),
      store,
    };
  }
  const increment = (loaded: Loaded<{ count: number }> | undefined) => {
    if (!loaded) return { result: 'missing' as const };
    return { result: 'applied' as const, write: { state: { count: loaded.state.count + 1 } } };
  };

  it('10 concurrent increments, each a message: all applied once, retried past the losers; a message seen before is answered as a duplicate', async () => {
    const port = counter(freshModel());
    await port.store.insert({ _id: 'c', count: 0 }, []);
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, k) =>
        decideAndSave(port, 'c', port.load, increment, { inbox: { messageId: `m-${k}`, duplicate: () => 'duplicate' as const } }),
      ),
    );
    expect(results).toEqual(Array(10).fill('applied'));
    expect(
      await decideAndSave(port, 'c', port.load, increment, { inbox: { messageId: 'm-3', duplicate: () => 'duplicate' as const } }),
    ).toBe('duplicate');
    expect(await decideAndSave(port, 'nope', port.load, increment)).toBe('missing');
    const doc = (await load(port.store.model, 'c'))!;
    expect(doc).toMatchObject({ version: 11, count: 10 });
    expect([...doc.processed].sort()).toEqual(Array.from({ length: 10 }, (_, k) => `m-${k}`).sort());
  });
});

describe('bounded arrays', () => {
  const bounds = { inbox: 3, changeTokens: 2 };

  it('processed keeps the last `inbox` message ids and changeTokens the last `changeTokens` tokens, written whole on every write', async () => {
    const model = freshModel();
    const store = createStore(model, undefined, { bounds });
    await store.insert({ _id: 'b', n: 0 }, [], 'm-0');
    for (let i = 1; i <= 6; i++) {
      const { revision } = (await store.load('b'))!;
      expect(await store.save('b', { revision, set: { n: i }, outbox: [], processedId: `m-${i}` })).toBe(true);
    }
    const doc = (await model.collection.findOne({ _id: 'b' as never }))!;
    expect(doc).toMatchObject({ version: 7, n: 6, processed: ['m-4', 'm-5', 'm-6'] });
    expect(doc.changeTokens).toHaveLength(2);
  });

  it('a list longer than the bound (written before it) shrinks by one per write', async () => {
    const model = freshModel();
    await model.collection.insertOne({ _id: 'long', version: 5, processed: [], changeTokens: ['t1', 't2', 't3', 't4', 't5'] } as never);
    const store = createStore(model, undefined, { bounds });
    for (let i = 0; i < 4; i++) {
      const { revision } = (await store.load('long'))!;
      expect(await store.save('long', { revision, set: {}, outbox: [] })).toBe(true);
    }
    const doc = (await model.collection.findOne({ _id: 'long' as never }))!;
    expect((doc.changeTokens as string[]).length).toBe(2);
  });

  /**
   * The crash the token bound must not open: a change applied to the aggregate whose writer died
   * before handing it off. Later writers move the aggregate on; when its token leaves the window
   * the change is marked applied, so recovery never mistakes it for a loser and its message goes out.
   */
  it('a change applied by a writer that died before its hand-off keeps its outbox after its token left the aggregate', async () => {
    const model = freshModel();
    // A hand-off that never runs: the writer died right after applying its change.
    const dying = createStore(model, { handoff: () => {} }, { bounds });
    const store = createStore(model, undefined, { bounds });
    await store.insert({ _id: 'gone', n: 0 }, []);
    const v1 = (await store.load('gone'))!;
    expect(await dying.save('gone', { revision: v1.revision, set: { n: 1 }, outbox: [entry('e-died')] })).toBe(true);
    const died = (await changesOf(model).findOne({ _id: 'gone@2' }))!;
    expect(died.applied).toBe(false);
    for (let i = 2; i <= 4; i++) {
      const { revision } = (await store.load('gone'))!;
      expect(await store.save('gone', { revision, set: { n: i }, outbox: [] })).toBe(true);
    }
    const doc = (await model.collection.findOne({ _id: 'gone' as never }))!;
    expect(doc.changeTokens).not.toContain(died.token);
    expect(await changesOf(model).findOne({ _id: 'gone@2' })).toMatchObject({ applied: true, token: died.token });

    // Recovery finds nothing to decide about it, and the poller sends its message.
    expect(await recoverChanges(model, new Date(Date.now() + 2 * CHANGE_STALE_MS))).toBe(0);
    const dispatched: string[] = [];
    const relay = recordingRelay(model, dispatched, 'relay-bound', 20, () => new Date(Date.now() + HANDOFF_LEASE_MS + 1_000));
    await waitFor(async () => dispatched.includes('e-died') && (await changesOf(model).countDocuments({})) === 0, {
      what: 'the retired change relayed',
    });
    await relay.stop();
    expect(dispatched).toEqual(['e-died']);
  });
});

describe('crash recovery', () => {
  const t0 = new Date('2030-01-01T12:00:00.000Z');

  /** What a writer that died after inserting its change, before applying it, leaves behind. */
  function orphan(
    id: string,
    fromVersion: number,
    at: Date,
    set: Record<string, unknown>,
    outbox: OutboxEntry[],
    processedId?: string,
  ): Change {
    const token = `token-${id}-${fromVersion + 1}-${at.getTime()}`;
    return {
      _id: `${id}@${fromVersion + 1}`,
      token,
      aggregateId: id,
      fromVersion,
      set: packDocument({ ...set, processed: processedId ? [processedId] : [], changeTokens: [token] }),
      ...(outbox.length > 0 ? { outbox: packOutbox(outbox)! } : {}),
      entryCount: outbox.length,
      at,
      applied: false,
      leaseUntil: new Date(0),
      leaseOwner: '',
    };
  }

  it('recoverChanges rolls a stale unapplied change forward and leaves its outbox to the relay', async () => {
    const model = freshModel();
    const id = 'crashed';
    await create(model, { _id: id, state: 'before' }, [], undefined, t0);
    const staleAt = new Date(t0.getTime() - 2 * CHANGE_STALE_MS);
    await changesOf(model).insertOne(orphan(id, 1, staleAt, { state: 'after', detail: { n: 1 } }, [entry('e-crash')], 'msg-crash'));

    // Not stale yet as seen from just after the write: left alone (its writer may still be working).
    expect(await recoverChanges(model, new Date(staleAt.getTime() + CHANGE_STALE_MS - 1))).toBe(0);
    expect((await load(model, id))!.version).toBe(1);

    expect(await recoverChanges(model, t0)).toBe(1);
    expect(await load(model, id)).toEqual({ _id: id, version: 2, state: 'after', detail: { n: 1 }, processed: ['msg-crash'] });
    const recovered = await changesOf(model).findOne({ _id: `${id}@2` });
    expect(recovered?.applied).toBe(true);
    expect(unpackOutbox(recovered!.outbox)).toEqual([entry('e-crash')]);
    // Running it again changes nothing.
    expect(await recoverChanges(model, t0)).toBe(0);

    const dispatched: string[] = [];
    const relay = recordingRelay(model, dispatched, 'recovery-relay', 50);
    await waitFor(async () => dispatched.includes('e-crash') && (await changesOf(model).countDocuments({})) === 0, {
      what: 'recovered outbox relayed',
    });
    await relay.stop();
    expect(dispatched).toEqual(['e-crash']);
    expect((await load(model, id))!.version).toBe(2);
  });

  it('a writer meeting a stale change under its key (E11000) rolls it forward, loses, and wins on reload', async () => {
    const model = freshModel();
    const id = 'blocked';
    await create(model, { _id: id, state: 'before' }, [], undefined, t0);
    await changesOf(model).insertOne(orphan(id, 1, new Date(t0.getTime() - 2 * CHANGE_STALE_MS), { state: 'orphaned' }, [], 'msg-orphan'));

    expect(await writeAt(model, { id, version: 1, set: { state: 'mine' }, outbox: [] }, t0)).toBe(false);
    expect(await load(model, id)).toEqual({ _id: id, version: 2, state: 'orphaned', processed: ['msg-orphan'] });
    // No messages: the settled change is gone.
    expect(await changesOf(model).countDocuments({})).toBe(0);

    const reloaded = (await load(model, id))!;
    expect(await writeAt(model, { id, version: reloaded.version, set: { state: 'mine' }, outbox: [] }, t0)).toBeTruthy();
    expect(await load(model, id)).toEqual({ _id: id, version: 3, state: 'mine', processed: ['msg-orphan'] });
  });

  it('a writer meeting a fresh (not yet stale) change under its key loses without touching it', async () => {
    const model = freshModel();
    const id = 'busy';
    await create(model, { _id: id, state: 'before' }, [], undefined, t0);
    await changesOf(model).insertOne(orphan(id, 1, t0, { state: 'in-flight' }, [entry('e-busy')]));

    expect(await writeAt(model, { id, version: 1, set: { state: 'mine' }, outbox: [] }, new Date(t0.getTime() + 1_000))).toBe(false);
    expect(await load(model, id)).toEqual({ _id: id, version: 1, state: 'before', processed: [] });
    const left = await changesOf(model).findOne({ _id: `${id}@2` });
    expect(left?.applied).toBe(false);
    expect(setOf(left!)).toMatchObject({ state: 'in-flight' });

    // Later (passing the clock instead of waiting), the same writer rolls it forward.
    const later = new Date(t0.getTime() + 2 * CHANGE_STALE_MS);
    expect(await writeAt(model, { id, version: 1, set: { state: 'mine' }, outbox: [] }, later)).toBe(false);
    expect(await load(model, id)).toMatchObject({ version: 2, state: 'in-flight' });
    expect(await changesOf(model).findOne({ _id: `${id}@2` })).toMatchObject({ applied: true });
  });

  /**
   * R1's "after DB write" crash point: the writer updated the aggregate and died before marking
   * its change applied. The token the update recorded tells recovery it was applied, so its
   * messages still go out (they would otherwise be lost with the deleted change).
   */
  it('a change applied to the aggregate by a writer that died before marking it keeps its outbox', async () => {
    const model = freshModel();
    const id = 'died-after-apply';
    await create(model, { _id: id, state: 'v1' }, [], undefined, t0);
    const c = orphan(id, 1, new Date(t0.getTime() - 2 * CHANGE_STALE_MS), { state: 'v2' }, [entry('e-after-apply')], 'msg-x');
    await changesOf(model).insertOne(c);
    // What settle() did before the crash: the aggregate update, nothing more.
    await model.collection.updateOne({ _id: id, version: 1 } as never, { $set: { ...setOf(c), version: 2 } } as never);

    await recoverChanges(model, t0);
    expect(await load(model, id)).toEqual({ _id: id, version: 2, state: 'v2', processed: ['msg-x'] });
    expect(await changesOf(model).findOne({ _id: `${id}@2` })).toMatchObject({ applied: true });
  });

  it('a stale change whose aggregate already moved on is dropped, not applied over newer state', async () => {
    const model = freshModel();
    const id = 'moved-on';
    await create(model, { _id: id, state: 'v1' }, [], undefined, t0);
    expect(await writeAt(model, { id, version: 1, set: { state: 'v2' }, outbox: [] }, t0)).toBeTruthy();
    // A loser that loaded version 1 long ago and died right after inserting its change (the key was free again).
    await changesOf(model).insertOne(orphan(id, 1, new Date(t0.getTime() - 2 * CHANGE_STALE_MS), { state: 'loser' }, [entry('e-loser')]));
    expect(await recoverChanges(model, t0)).toBe(1);
    expect(await load(model, id)).toEqual({ _id: id, version: 2, state: 'v2', processed: [] });
    expect(await changesOf(model).countDocuments({})).toBe(0);
  });
});

describe('relay', () => {
  it('dispatches every entry written through a store without a relay (marked applied for the pollers), then deletes the changes', async () => {
    const model = freshModel();
    const store = createStore(model);
    const dispatched: string[] = [];
    const relay = recordingRelay(model, dispatched, 'relay-a', 50);
    const expected: string[] = [];
    for (let i = 0; i < 3; i++) {
      const id = `agg-${i}`;
      expect(await store.insert({ _id: id, step: 0 }, [entry(`${id}-created`)])).toBe(true);
      expected.push(`${id}-created`);
      relay.kick();
      const v1 = (await store.load(id))!;
      expect(v1.doc).toEqual({ _id: id, step: 0 });
      expect(await store.save(id, { revision: v1.revision, set: { step: 1 }, outbox: [entry(`${id}-a`), entry(`${id}-b`)] })).toBe(true);
      expected.push(`${id}-a`, `${id}-b`);
      // A write without messages leaves nothing for the relay; a stale revision loses.
      const v2 = (await store.load(id))!;
      expect(await store.save(id, { revision: v2.revision, set: { step: 2 }, outbox: [] })).toBe(true);
      expect(await store.save(id, { revision: v2.revision, set: { step: 9 }, outbox: [entry('never')] })).toBe(false);
      relay.kick();
    }
    await waitFor(async () => dispatched.length >= expected.length && (await changesOf(model).countDocuments({})) === 0, {
      what: 'all entries relayed',
    });
    await relay.stop();
    expect([...dispatched].sort()).toEqual([...expected].sort());
    for (let i = 0; i < 3; i++) expect(await load(model, `agg-${i}`)).toMatchObject({ version: 3, step: 2 });
  });

  it('a dispatch that fails keeps the change; it is dispatched again with the same ids after the lease (at-least-once)', async () => {
    const model = freshModel();
    const calls: string[][] = [];
    let failNext = true;
    let skewMs = 0;
    let clockReads = 0;
    const leaseMs = 60_000;
    const { warnings, logger } = recordingLogger();
    const relay = track(
      startRelay({
        models: [model],
        dispatch: async (entries) => {
          // Records first: a publish that went out but whose confirm failed.
          calls.push(entries.map((e) => e.id));
          if (failNext) {
            failNext = false;
            throw new Error('broker said no');
          }
        },
        owner: 'relay-flaky',
        pollMs: 50,
        leaseMs,
        logger,
        // The relay's clock, moved forward by the test instead of waiting out the lease.
        now: () => {
          clockReads += 1;
          return new Date(Date.now() + skewMs);
        },
      }),
    );
    await create(model, { _id: 'flaky', n: 0 }, [entry('f-1'), entry('f-2')]);
    relay.kick();
    await waitFor(() => calls.length === 1 && warnings.length > 0, { what: 'first, failing dispatch' });
    const kept = await changesOf(model).findOne({ _id: 'flaky@1' });
    expect(kept).toMatchObject({ applied: true, leaseOwner: 'relay-flaky' });
    expect(kept!.leaseUntil.getTime()).toBeGreaterThan(Date.now());

    // Still leased: several more polls (each reads the clock) do not retry it.
    const reads = clockReads;
    await waitFor(() => clockReads >= reads + 6, { what: 'more relay polls' });
    expect(calls).toHaveLength(1);
    expect(await changesOf(model).countDocuments({ _id: 'flaky@1' })).toBe(1);

    skewMs = leaseMs + 1_000;
    relay.kick();
    await waitFor(async () => calls.length === 2 && (await changesOf(model).countDocuments({})) === 0, { what: 'second dispatch' });
    await relay.stop();
    expect(calls).toEqual([
      ['f-1', 'f-2'],
      ['f-1', 'f-2'],
    ]);
  });

  it('a change written for hand-off is not marked applied; a failed hand-off marks it and a poller relays it; a writer that dies before handing off is recovered', async () => {
    const model = freshModel();
    const calls: string[][] = [];
    let failNext = true;
    let skewMs = 0;
    const relay = track(
      startRelay({
        models: [model],
        dispatch: async (entries) => {
          calls.push(entries.map((e) => e.id));
          if (failNext) {
            failNext = false;
            throw new Error('broker said no');
          }
        },
        owner: 'relay-h',
        pollMs: 50,
        leaseMs: 60_000,
        logger: recordingLogger().logger,
        now: () => new Date(Date.now() + skewMs),
      }),
    );
    // The store hands off what it commits; held here, to look at the change before the hand-off runs.
    const held: Committed[] = [];
    const store = createStore(model, { handoff: (c) => held.push(c) });
    expect(await store.insert({ _id: 'h', n: 0 }, [entry('h-1')])).toBe(true);
    expect(await changesOf(model).findOne({ _id: 'h@1' })).toMatchObject({ applied: false });
    relay.handoff(held[0]!);
    await waitFor(async () => calls.length === 1 && (await changesOf(model).findOne({ _id: 'h@1' }))?.applied === true, {
      what: 'the failed hand-off marking its change',
    });
    skewMs = HANDOFF_LEASE_MS + 1_000;
    relay.kick();
    await waitFor(async () => calls.length === 2 && (await changesOf(model).countDocuments({})) === 0, { what: 'the poller relaying it' });

    // A writer that applied its change and died before handing it off: recovery finds its token
    // in the aggregate, marks the change, and the poller sends it.
    await writeAt(model, { id: 'h', version: 1, set: { n: 1 }, outbox: [entry('h-2')], handoff: true });
    expect(await changesOf(model).findOne({ _id: 'h@2' })).toMatchObject({ applied: false });
    expect(await recoverChanges(model, new Date(Date.now() + CHANGE_STALE_MS + 1_000))).toBe(1);
    relay.kick();
    await waitFor(async () => calls.length === 3 && (await changesOf(model).countDocuments({})) === 0, {
      what: 'the recovered change relayed',
    });
    await relay.stop();
    expect(calls).toEqual([['h-1'], ['h-1'], ['h-2']]);
    expect(await load(model, 'h')).toMatchObject({ version: 2, n: 1 });
  });

  it('two relays on one collection: every entry dispatched at least once (duplicates counted, not forbidden)', async () => {
    const model = freshModel();
    const counts = new Map<string, number>();
    const dispatch = async (entries: OutboxEntry[]) => {
      for (const e of entries) counts.set(e.id, (counts.get(e.id) ?? 0) + 1);
    };
    const a = track(startRelay({ models: [model], dispatch, owner: 'relay-1', pollMs: 20, logger: recordingLogger().logger }));
    const b = track(startRelay({ models: [model], dispatch, owner: 'relay-2', pollMs: 20, logger: recordingLogger().logger }));
    const expected: string[] = [];
    await Promise.all(
      Array.from({ length: 30 }, async (_, i) => {
        const id = `two-${i}`;
        await create(model, { _id: id, n: 0 }, [entry(`${id}-0`)]);
        expected.push(`${id}-0`);
        a.kick();
        b.kick();
        await writeAt(model, { id, version: 1, set: { n: 1 }, outbox: [entry(`${id}-1`)] });
        expected.push(`${id}-1`);
        a.kick();
        b.kick();
      }),
    );
    await waitFor(async () => expected.every((e) => counts.has(e)) && (await changesOf(model).countDocuments({})) === 0, {
      what: 'all entries relayed by two relays',
      timeoutMs: 30_000,
    });
    await Promise.all([a.stop(), b.stop()]);
    expect([...counts.keys()].sort()).toEqual([...expected].sort());
    const duplicates = [...counts.values()].reduce((sum, n) => sum + (n - 1), 0);
    console.log(`two relays: ${expected.length} entries, ${duplicates} duplicate dispatches`);
  });
});

/**
 * The key `<id>@<version>` is free again once a change is relayed and deleted, and a late loser
 * (a second replica handling the same order message, a writer that loaded an old version) may
 * then insert its own change under it. Whoever still holds the first change — its own writer
 * stalled on a loaded server, a roll-forward that read it, a relay that listed it — must not
 * mistake the newcomer for it: the loser's outbox must never go out. These tests stall the
 * parties at the decisive step instead of hoping a slow server does.
 */
describe('a change key reused after its change is deleted', () => {
  interface Stall {
    match: (c: Change, by: 'writer' | 'roll-forward') => boolean;
    reached: () => void;
    released: Promise<void>;
  }
  const stalls: Stall[] = [];

  beforeEach(() => {
    storeHooks.beforeSettle = async (c, by) => {
      for (const stall of stalls.filter((s) => s.match(c, by))) {
        stall.reached();
        await stall.released;
      }
    };
  });

  afterEach(() => {
    storeHooks.beforeSettle = undefined;
    stalls.length = 0;
  });

  /** Holds `by`'s settle() of the change carrying message `entryId` until `release()`. */
  function stallSettle(entryId: string, by: 'writer' | 'roll-forward') {
    let reached!: () => void;
    let release!: () => void;
    const reachedP = new Promise<void>((r) => {
      reached = r;
    });
    const released = new Promise<void>((r) => {
      release = r;
    });
    stalls.push({ match: (c, who) => who === by && unpackOutbox(c.outbox).some((e) => e.id === entryId), reached, released });
    return { reached: reachedP, release };
  }

  /** A poller whose clock is past every fresh change's hand-off lease (not yet past CHANGE_STALE_MS). */
  function pollerPastHandoff(model: Model<any>, dispatched: string[], owner: string): Relay {
    return recordingRelay(model, dispatched, owner, 20, () => new Date(Date.now() + HANDOFF_LEASE_MS + 1_000));
  }

  /**
   * Once a change inserted after everything else is relayed, the poller has listed (and leased,
   * if it was going to) every applied change before it: candidates are relayed in _id and
   * insertion order, and the sentinel's id sorts last.
   */
  async function relayedPastSentinel(model: Model<any>, dispatched: string[]): Promise<void> {
    await create(model, { _id: 'zz-sentinel' }, [entry('sentinel')]);
    await waitFor(() => dispatched.includes('sentinel'), { what: 'sentinel relayed' });
  }

  /** Waits until the winner's change `name` was relayed and deleted. */
  async function relayedAndDeleted(model: Model<any>, dispatched: string[], name: string): Promise<void> {
    await waitFor(async () => dispatched.includes(name) && (await changesOf(model).countDocuments({})) === 0, {
      what: `${name} relayed`,
    });
  }

  /**
   * The end of each race: once a sentinel was relayed past the loser's key, the loser goes on and
   * is refused (false); nothing is left to relay, and only the winner's change and the sentinel went out.
   */
  async function loserRefused(
    model: Model<any>,
    dispatched: string[],
    relay: Relay,
    loser: { release(): void; attempt: Promise<unknown> },
    winner: string,
  ): Promise<void> {
    await relayedPastSentinel(model, dispatched);
    loser.release();
    expect(await loser.attempt).toBe(false);
    await waitFor(async () => (await changesOf(model).countDocuments({})) === 0, { what: 'no changes left' });
    await relay.stop();
    expect(dispatched).toEqual([winner, 'sentinel']);
  }

  const staleClock = () => new Date(Date.now() + CHANGE_STALE_MS + 1_000);

  it('insert: a creator stalled past CHANGE_STALE_MS, rolled forward and relayed meanwhile, wins alone; the second creator reusing the key is never dispatched', async () => {
    const model = freshModel();
    const id = 'round-1';
    const dispatched: string[] = [];
    const a = stallSettle('a-opening', 'writer');
    const creatorA = create(model, { _id: id, by: 'a' }, [entry('a-opening')]);
    await a.reached;
    // Recovery takes A's change for abandoned, and a poller relays it and deletes it.
    expect(await recoverChanges(model, staleClock())).toBe(1);
    const relay = pollerPastHandoff(model, dispatched, 'poller-1');
    await relayedAndDeleted(model, dispatched, 'a-opening');

    // The second replica, handling the same order message: `round-1@1` is free again.
    const b = stallSettle('b-opening', 'writer');
    const creatorB = create(model, { _id: id, by: 'b' }, [entry('b-opening')]);
    await b.reached;
    a.release();
    // A did win (its state is the aggregate's); its own hand-off would send a-opening again, same ids.
    expect(await creatorA).toBeTruthy();
    await loserRefused(model, dispatched, relay, { release: () => b.release(), attempt: creatorB }, 'a-opening');
    expect(await load(model, id)).toEqual({ _id: id, version: 1, by: 'a', processed: [] });
  });

  it('insert: a roll-forward holding a change its writer then finished and relayed does not touch the second creator reusing the key', async () => {
    const model = freshModel();
    const id = 'round-2';
    const dispatched: string[] = [];
    const a = stallSettle('a-opening', 'writer');
    const creatorA = create(model, { _id: id, by: 'a' }, [entry('a-opening')]);
    await a.reached;
    // Recovery reads A's change as abandoned, and stalls before rolling it forward...
    const r = stallSettle('a-opening', 'roll-forward');
    const recovery = recoverChanges(model, staleClock());
    await r.reached;
    // ...while A finishes, and its change is relayed and deleted.
    a.release();
    expect(await creatorA).toBeTruthy();
    const relay = pollerPastHandoff(model, dispatched, 'poller-2');
    await relayedAndDeleted(model, dispatched, 'a-opening');

    const b = stallSettle('b-opening', 'writer');
    const creatorB = create(model, { _id: id, by: 'b' }, [entry('b-opening')]);
    await b.reached;
    r.release();
    expect(await recovery).toBe(1);
    await loserRefused(model, dispatched, relay, { release: () => b.release(), attempt: creatorB }, 'a-opening');
    expect(await load(model, id)).toEqual({ _id: id, version: 1, by: 'a', processed: [] });
  });

  it('guarded write: a writer stalled past CHANGE_STALE_MS, rolled forward and relayed meanwhile, does not mark the change of a stale loser reusing the key', async () => {
    const model = freshModel();
    const id = 'round-3';
    const dispatched: string[] = [];
    await create(model, { _id: id, state: 'v1' }, []);
    const a = stallSettle('a-event', 'writer');
    const writerA = writeAt(model, { id, version: 1, set: { state: 'a' }, outbox: [entry('a-event')], processedId: 'msg-a' });
    await a.reached;
    expect(await recoverChanges(model, staleClock())).toBe(1);
    const relay = pollerPastHandoff(model, dispatched, 'poller-3');
    await relayedAndDeleted(model, dispatched, 'a-event');

    // B loaded version 1 before A's write landed: `round-3@2` is free again.
    const b = stallSettle('b-event', 'writer');
    const writerB = writeAt(model, { id, version: 1, set: { state: 'b' }, outbox: [entry('b-event')], processedId: 'msg-b' });
    await b.reached;
    a.release();
    expect(await writerA).toBeTruthy();
    await loserRefused(model, dispatched, relay, { release: () => b.release(), attempt: writerB }, 'a-event');
    expect(await load(model, id)).toEqual({ _id: id, version: 2, state: 'a', processed: ['msg-a'] });
  });

  it('relay: a poller that listed a relayed change does not lease the unapplied change a loser then inserted under its key', async () => {
    const model = freshModel();
    const id = 'k-2-round';
    const dispatched: string[] = [];
    let releaseBlocker!: () => void;
    const blockerReleased = new Promise<void>((r) => {
      releaseBlocker = r;
    });
    let blockerReached!: () => void;
    const blockerDispatching = new Promise<void>((r) => {
      blockerReached = r;
    });
    await create(model, { _id: 'k-1-blocker' }, [entry('blocker')]);
    const committed = (await create(model, { _id: id, by: 'a' }, [entry('a-opening')])) as Committed;
    await create(model, { _id: 'k-3-sentinel' }, [entry('sentinel')]);

    // A poller lists all three (A's hand-off is late), and is held dispatching the first.
    const poller = track(
      startRelay({
        models: [model],
        dispatch: async (entries) => {
          dispatched.push(...entries.map((e) => e.id));
          if (entries[0]!.id === 'blocker') {
            blockerReached();
            await blockerReleased;
          }
        },
        owner: 'poller-4',
        pollMs: 20,
        logger: recordingLogger().logger,
        now: () => new Date(Date.now() + HANDOFF_LEASE_MS + 1_000),
      }),
    );
    await blockerDispatching;
    // Meanwhile A's own hand-off relays its change and deletes it; its clock never lets it poll.
    const handedOff: string[] = [];
    const writerRelay = track(
      startRelay({
        models: [model],
        dispatch: async (entries) => {
          handedOff.push(...entries.map((e) => e.id));
        },
        owner: 'writer-a',
        pollMs: 60_000,
        logger: recordingLogger().logger,
        now: () => new Date(0),
      }),
    );
    writerRelay.handoff(committed);
    await waitFor(async () => (await changesOf(model).countDocuments({ _id: `${id}@1` })) === 0, { what: "A's hand-off" });
    // The second creator inserts under the free key and is slow to find out it lost.
    const b = stallSettle('b-opening', 'writer');
    const creatorB = create(model, { _id: id, by: 'b' }, [entry('b-opening')]);
    await b.reached;

    releaseBlocker();
    await waitFor(() => dispatched.includes('sentinel'), { what: 'the listed batch relayed' });
    b.release();
    expect(await creatorB).toBe(false);
    await waitFor(async () => (await changesOf(model).countDocuments({})) === 0, { what: 'no changes left' });
    await Promise.all([poller.stop(), writerRelay.stop()]);

    expect(handedOff).toEqual(['a-opening']);
    expect(dispatched).toEqual(['blocker', 'sentinel']);
    expect(await load(model, id)).toEqual({ _id: id, version: 1, by: 'a', processed: [] });
  });
});
