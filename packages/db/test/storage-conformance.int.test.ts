import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { connectMongo, pack, packDocument, unpack, unpackDocument } from '@rs/db';
import { createTestWorld, type TestWorld } from '@rs/testkit';
import { type Connection, type Model, Schema } from 'mongoose';

/**
 * Storage conformance: every query and update form the project uses, run on the real
 * MongoDB-wire server (FerretDB 1.24 here; MongoDB when MONGO_URL names one), asserting the
 * stored document afterwards, not only counts. A form that is not in this file is not yet proven
 * on FerretDB: add it here before using it (STYLE.md, "The outbox and inbox on a server without
 * transactions"). The known gaps of FerretDB are documented at the end, with a check that the
 * code never relies on them.
 */

const ROOT = join(__dirname, '..', '..', '..');
const quiet = { info() {}, warn() {} };

let world: TestWorld;
let connection: Connection;
let isFerret = false;
let seq = 0;

/** A fresh collection per test, through a mongoose model, used as the project does: `model.collection`. */
function freshModel(): Model<any> {
  seq += 1;
  const schema = new Schema({ _id: { type: String, required: true } }, { strict: false, versionKey: false, collection: `c${seq}` });
  return connection.model(`Conformance${seq}`, schema);
}

beforeAll(async () => {
  world = await createTestWorld();
  connection = await connectMongo({ url: world.mongoUrl, dbName: world.dbName('conformance'), logger: quiet, retryForMs: 10_000 });
  const info = await connection.db!.admin().command({ buildInfo: 1 });
  isFerret = typeof info.ferretdbVersion === 'string' || info.ferretdbFeatures !== undefined;
});

afterAll(async () => {
  await connection?.close();
  await world?.dispose();
});

describe('inserts and reads', () => {
  it('insertOne stores the document as given; a duplicate _id fails with code 11000 and changes nothing', async () => {
    const m = freshModel();
    await m.collection.insertOne({ _id: 'a', n: 1, nested: { x: [1, 2] } } as never);
    let error: unknown;
    try {
      await m.collection.insertOne({ _id: 'a', n: 2 } as never);
    } catch (e) {
      error = e;
    }
    expect((error as { code?: number }).code).toBe(11000);
    expect(await m.collection.findOne({ _id: 'a' as never })).toEqual({ _id: 'a', n: 1, nested: { x: [1, 2] } });
    expect(await m.collection.countDocuments({})).toBe(1);
  });

  it('insertMany ordered:false inserts the new ones and reports only 11000 write errors for the duplicates', async () => {
    const m = freshModel();
    await m.collection.insertOne({ _id: 'k1', v: 'old' } as never);
    let error: unknown;
    try {
      await m.collection.insertMany(
        [
          { _id: 'k1', v: 'new' },
          { _id: 'k2', v: 'new' },
          { _id: 'k3', v: 'new' },
        ] as never[],
        { ordered: false },
      );
    } catch (e) {
      error = e;
    }
    const writeErrors = (error as { writeErrors?: Array<{ code?: number }> }).writeErrors;
    expect(writeErrors?.map((w) => w.code)).toEqual([11000]);
    const docs = await m.collection.find({}).sort({ _id: 1 }).toArray();
    expect(docs).toEqual([
      { _id: 'k1', v: 'old' },
      { _id: 'k2', v: 'new' },
      { _id: 'k3', v: 'new' },
    ]);
  });

  it('findOne by _id, with inclusion and exclusion projections', async () => {
    const m = freshModel();
    await m.collection.insertOne({ _id: 'o1', version: 3, rounds: [{ roundId: 'r1' }], processed: ['m1'], status: 'open' } as never);
    expect(await m.collection.findOne({ _id: 'o1' as never })).toEqual({
      _id: 'o1',
      version: 3,
      rounds: [{ roundId: 'r1' }],
      processed: ['m1'],
      status: 'open',
    });
    expect(await m.collection.findOne({ _id: 'nope' as never })).toBeNull();
    expect(await m.collection.findOne({ _id: 'o1' as never }, { projection: { version: 1, rounds: 1, processed: 1 } })).toEqual({
      _id: 'o1',
      version: 3,
      rounds: [{ roundId: 'r1' }],
      processed: ['m1'],
    });
    expect(await m.collection.findOne({ _id: 'o1' as never }, { projection: { processed: 0 } })).toEqual({
      _id: 'o1',
      version: 3,
      rounds: [{ roundId: 'r1' }],
      status: 'open',
    });
  });

  it("find {status: 'open'} with projection {_id: 1}, iterated as a cursor", async () => {
    const m = freshModel();
    await m.collection.insertMany([
      { _id: 'r1', status: 'open', big: 'x'.repeat(100) },
      { _id: 'r2', status: 'closed' },
      { _id: 'r3', status: 'open' },
    ] as never[]);
    const seen: unknown[] = [];
    const cursor = m.collection.find({ status: 'open' }, { projection: { _id: 1 } });
    for await (const doc of cursor) seen.push(doc);
    expect(seen.sort((a, b) => String((a as { _id: string })._id).localeCompare(String((b as { _id: string })._id)))).toEqual([
      { _id: 'r1' },
      { _id: 'r3' },
    ]);
  });

  it('find with $ne, and with a string range $gte/$lt, projected to _id', async () => {
    const m = freshModel();
    await m.collection.insertMany([
      { _id: 'a', orderId: 'o1', status: 'open', openedAt: '2025-03-01T10:00:00.000Z' },
      { _id: 'b', orderId: 'o1', status: 'closed', openedAt: '2025-03-02T10:00:00.000Z' },
      { _id: 'c', orderId: 'o1', status: 'expired', openedAt: '2025-03-03T00:00:00.000Z' },
      { _id: 'd', orderId: 'o2', status: 'open', openedAt: '2025-02-28T23:59:59.999Z' },
    ] as never[]);
    const notClosed = await m.collection.find({ orderId: 'o1', status: { $ne: 'closed' } }, { projection: { _id: 1 } }).toArray();
    expect(notClosed.map((d) => d._id).sort()).toEqual(['a', 'c']);
    const inRange = await m.collection
      .find({ openedAt: { $gte: '2025-03-01T00:00:00.000Z', $lt: '2025-03-03T00:00:00.000Z' } }, { projection: { _id: 1 } })
      .toArray();
    expect(inRange.map((d) => d._id).sort()).toEqual(['a', 'b']);
  });

  it('countDocuments with two fields', async () => {
    const m = freshModel();
    await m.collection.insertMany([
      { _id: '1', orderId: 'o1', status: 'open' },
      { _id: '2', orderId: 'o1', status: 'closed' },
      { _id: '3', orderId: 'o2', status: 'open' },
      { _id: '4', orderId: 'o1', status: 'open' },
    ] as never[]);
    expect(await m.collection.countDocuments({ orderId: 'o1', status: 'open' })).toBe(2);
    expect(await m.collection.countDocuments({ orderId: 'o3', status: 'open' })).toBe(0);
  });

  it('find().sort({registeredAt: -1}).limit(n).toArray() returns the newest n in order', async () => {
    const m = freshModel();
    const docs = Array.from({ length: 7 }, (_, i) => ({
      _id: `o${i}`,
      leadJobcentre: 101,
      registeredAt: `2025-01-0${i + 1}T08:00:00.000Z`,
    }));
    await m.collection.insertMany(
      [...docs]
        .reverse()
        .slice(3)
        .concat([...docs].reverse().slice(0, 3)) as never[],
    );
    const newest = await m.collection
      .find({ leadJobcentre: 101 }, { projection: { processed: 0 } })
      .sort({ registeredAt: -1 })
      .limit(3)
      .toArray();
    expect(newest).toEqual([docs[6], docs[5], docs[4]]);
  });

  it('find {$or: [{jobcentres: n}, {jobcentre: n}], key: {$gt}} matches an array element or a scalar, sorted with a limit', async () => {
    const m = freshModel();
    await m.collection.createIndex({ jobcentres: 1, key: 1 });
    const docs = [
      { _id: 'c', jobcentres: [7, 9], key: '2025-01-01|c' },
      { _id: 'a', jobcentres: [7], key: '2025-01-01|a' },
      { _id: 'b', jobcentre: 7, key: '2025-01-02|b' },
      { _id: 'd', jobcentres: [5, 7], key: '2025-01-03|d' },
      { _id: 'other', jobcentres: [8, 70], key: '2025-01-01|z' },
      { _id: 'other-scalar', jobcentre: 8, key: '2025-01-01|y' },
    ];
    await m.collection.insertMany(docs as never[]);
    const page = (after: string) =>
      m.collection
        .find({ $or: [{ jobcentres: 7 }, { jobcentre: 7 }], key: { $gt: after } })
        .sort({ key: 1 })
        .limit(2)
        .toArray();
    const page1 = await page('');
    expect(page1.map((d) => d._id)).toEqual(['a', 'c']);
    const page2 = await page(page1[1]!.key);
    expect(page2.map((d) => d._id)).toEqual(['b', 'd']);
    expect(await page(page2[1]!.key)).toEqual([]);
  });

  it('a Binary value (a packed outbox or state) round-trips with its dates, beside fields that are queried', async () => {
    const m = freshModel();
    const entries = Array.from({ length: 95 }, (_, i) => ({ kind: 'publish', id: `e-${i}`, body: 'æøå '.repeat(50) }));
    const state = { at: new Date(Date.UTC(2026, 0, 1, 9)), nested: [{ due: new Date(Date.UTC(2026, 0, 2)), note: 'x' }], n: null };
    await m.collection.insertOne({ _id: 'p', applied: false, outbox: pack(entries), set: packDocument(state), entryCount: 95 } as never);
    const stored = await m.collection.findOne({ _id: 'p' as never });
    expect(unpack(stored!.outbox)).toEqual(entries);
    expect(unpackDocument(stored!.set)).toEqual(state);
    expect(await m.collection.countDocuments({ applied: false })).toBe(1);
  });

  it('find {applied: false, at: {$lt: date}}.limit(100) compares BSON dates and limits', async () => {
    const m = freshModel();
    const t0 = new Date('2025-01-01T00:00:00.000Z');
    const at = (s: number) => new Date(t0.getTime() + s * 1000);
    const docs = Array.from({ length: 105 }, (_, i) => ({ _id: `x${i}`, applied: false, at: at(i % 2 === 0 ? -10 : 10) }));
    await m.collection.insertMany([...docs, { _id: 'applied-old', applied: true, at: at(-10) }] as never[]);
    const stale = await m.collection
      .find({ applied: false, at: { $lt: t0 } })
      .limit(100)
      .toArray();
    expect(stale).toHaveLength(53);
    for (const d of stale) {
      expect(d.applied).toBe(false);
      expect(d.at).toBeInstanceOf(Date);
      expect((d.at as Date).getTime()).toBe(at(-10).getTime());
    }
    const limited = await m.collection.find({ applied: false }).limit(100).toArray();
    expect(limited).toHaveLength(100);
  });

  it('find {field: {$exists: true}} (a one-off migration finding an older form) matches only documents that have it', async () => {
    const m = freshModel();
    await m.collection.insertMany([
      { _id: 'old', jobcentre: 147, envelope: { id: 'e1' } },
      { _id: 'new', jobcentres: [147] },
      { _id: 'null', envelope: null },
    ] as never[]);
    const found = await m.collection.find({ envelope: { $exists: true } }).toArray();
    expect(found.map((d) => d._id).sort()).toEqual(['null', 'old']);
  });
});

describe('updates', () => {
  it('updateOne {_id, version} + $set of whole arrays replaces them (how the inbox and change tokens are bounded)', async () => {
    const m = freshModel();
    await m.collection.insertOne({ _id: 'a', version: 1, processed: ['m1', 'm2', 'm3'], changeTokens: ['t1', 't2'] } as never);
    const r = await m.collection.updateOne(
      { _id: 'a', version: 1 } as never,
      {
        $set: { version: 2, processed: ['m2', 'm3', 'm4'], changeTokens: ['t2', 't3'] },
      } as never,
    );
    expect(r.matchedCount).toBe(1);
    expect(await m.collection.findOne({ _id: 'a' as never })).toEqual({
      _id: 'a',
      version: 2,
      processed: ['m2', 'm3', 'm4'],
      changeTokens: ['t2', 't3'],
    });
  });

  it('updateOne {_id, version} + $set (nested objects, arrays of subdocuments) + $push applies only on the right version', async () => {
    const m = freshModel();
    await m.collection.insertOne({
      _id: 'g',
      version: 1,
      status: 'open',
      company: { name: 'A', address: { city: 'Aarhus' } },
      recipients: [{ jobcentre: 1, state: 'pending' }],
      processed: ['m0'],
      untouched: 'keep',
    } as never);

    const stale = await m.collection.updateOne({ _id: 'g', version: 0 } as never, { $set: { status: 'closed', version: 1 } } as never);
    expect(stale.matchedCount).toBe(0);

    const result = await m.collection.updateOne(
      { _id: 'g', version: 1 } as never,
      {
        $set: {
          status: 'closed',
          company: { name: 'B', address: { city: 'Odense', zip: '5000' } },
          recipients: [
            { jobcentre: 1, state: 'answered', answer: { seats: 2, at: '2025-01-01T00:00:00.000Z' } },
            { jobcentre: 2, state: 'pending' },
          ],
          version: 2,
        },
        $push: { processed: 'x' },
      } as never,
    );
    expect(result.matchedCount).toBe(1);
    expect(result.modifiedCount).toBe(1);
    expect(await m.collection.findOne({ _id: 'g' as never })).toEqual({
      _id: 'g',
      version: 2,
      status: 'closed',
      company: { name: 'B', address: { city: 'Odense', zip: '5000' } },
      recipients: [
        { jobcentre: 1, state: 'answered', answer: { seats: 2, at: '2025-01-01T00:00:00.000Z' } },
        { jobcentre: 2, state: 'pending' },
      ],
      processed: ['m0', 'x'],
      untouched: 'keep',
    });

    // The same guarded update again: the version moved on, nothing changes.
    const again = await m.collection.updateOne(
      { _id: 'g', version: 1 } as never,
      { $set: { status: 'open', version: 2 }, $push: { processed: 'x' } } as never,
    );
    expect(again.matchedCount).toBe(0);
    expect(await m.collection.findOne({ _id: 'g' as never })).toMatchObject({ version: 2, status: 'closed', processed: ['m0', 'x'] });
  });

  it('updateOne upsert with $set inserts, then updates in place', async () => {
    const m = freshModel();
    await m.collection.updateOne({ _id: 'o1' as never }, { $set: { leadJobcentre: 101, order: { title: 'a' } } }, { upsert: true });
    expect(await m.collection.findOne({ _id: 'o1' as never })).toEqual({ _id: 'o1', leadJobcentre: 101, order: { title: 'a' } });
    await m.collection.updateOne({ _id: 'o1' as never }, { $set: { order: { title: 'b' } } }, { upsert: true });
    expect(await m.collection.findOne({ _id: 'o1' as never })).toEqual({ _id: 'o1', leadJobcentre: 101, order: { title: 'b' } });
    expect(await m.collection.countDocuments({})).toBe(1);
  });

  it('updateOne upsert with $setOnInsert writes once and never overwrites', async () => {
    const m = freshModel();
    await m.collection.updateOne({ _id: 'o1' as never }, { $setOnInsert: { leadJobcentre: 101, seenAt: 'first' } }, { upsert: true });
    await m.collection.updateOne({ _id: 'o1' as never }, { $setOnInsert: { leadJobcentre: 999, seenAt: 'second' } }, { upsert: true });
    expect(await m.collection.findOne({ _id: 'o1' as never })).toEqual({ _id: 'o1', leadJobcentre: 101, seenAt: 'first' });
  });

  it("findOneAndUpdate {applied: true, leaseUntil: {$lt}} + $set, returnDocument 'after', leases only expired ones", async () => {
    const m = freshModel();
    const now = new Date('2025-01-01T12:00:00.000Z');
    const later = new Date(now.getTime() + 10_000);
    await m.collection.insertMany([
      { _id: 'held', applied: true, leaseUntil: later, leaseOwner: 'other', outbox: ['h'] },
      { _id: 'unapplied', applied: false, leaseUntil: new Date(0), leaseOwner: '', outbox: ['u'] },
      { _id: 'free', applied: true, leaseUntil: new Date(0), leaseOwner: '', outbox: ['f'] },
    ] as never[]);

    // The relay reads the whole leased document (it needs `outbox` and `_id`), so it never passes
    // `projection` to findOneAndUpdate, which FerretDB 1.24 refuses.
    const leased = await m.collection.findOneAndUpdate(
      { applied: true, leaseUntil: { $lt: now } },
      { $set: { leaseUntil: later, leaseOwner: 'me' } },
      { returnDocument: 'after' },
    );
    expect(leased).toEqual({ _id: 'free', applied: true, leaseUntil: later, leaseOwner: 'me', outbox: ['f'] });
    expect(await m.collection.findOne({ _id: 'free' as never })).toEqual(leased);
    expect(await m.collection.findOne({ _id: 'held' as never })).toMatchObject({ leaseOwner: 'other', leaseUntil: later });

    const none = await m.collection.findOneAndUpdate(
      { applied: true, leaseUntil: { $lt: now } },
      { $set: { leaseUntil: later, leaseOwner: 'me' } },
      { returnDocument: 'after' },
    );
    expect(none).toBeNull();
  });

  it('no code passes a projection to findOneAndUpdate (FerretDB refuses it)', () => {
    const offenders = sourceFiles().filter((f) => /findOneAndUpdate\([\s\S]{0,400}?projection/.test(readFileSync(f, 'utf8')));
    expect(offenders).toEqual([]);
  });

  it('updateOne, deleteOne and findOneAndUpdate by _id plus other fields touch the document only when those match too', async () => {
    const m = freshModel();
    const now = new Date('2025-01-01T12:00:00.000Z');
    const later = new Date(now.getTime() + 10_000);
    await m.collection.insertOne({ _id: 'a@1', token: 't-new', applied: false, leaseUntil: new Date(0) } as never);

    // The forms a holder of an older change under the same key uses: none may touch the newer one.
    expect((await m.collection.updateOne({ _id: 'a@1', token: 't-old' } as never, { $set: { applied: true } })).matchedCount).toBe(0);
    expect((await m.collection.deleteOne({ _id: 'a@1', token: 't-old' } as never)).deletedCount).toBe(0);
    expect(
      await m.collection.findOneAndUpdate(
        { _id: 'a@1', applied: true, leaseUntil: { $lt: now } } as never,
        { $set: { leaseUntil: later } },
        { returnDocument: 'after' },
      ),
    ).toBeNull();
    expect(await m.collection.findOne({ _id: 'a@1' as never })).toEqual({
      _id: 'a@1',
      token: 't-new',
      applied: false,
      leaseUntil: new Date(0),
    });

    expect((await m.collection.updateOne({ _id: 'a@1', token: 't-new' } as never, { $set: { applied: true } })).matchedCount).toBe(1);
    expect(
      await m.collection.findOneAndUpdate(
        { _id: 'a@1', applied: true, leaseUntil: { $lt: now } } as never,
        { $set: { leaseUntil: later } },
        { returnDocument: 'after' },
      ),
    ).toEqual({ _id: 'a@1', token: 't-new', applied: true, leaseUntil: later });
    expect((await m.collection.deleteOne({ _id: 'a@1', token: 't-new' } as never)).deletedCount).toBe(1);
    expect(await m.collection.countDocuments({})).toBe(0);
  });

  it('deleteOne removes exactly the named document', async () => {
    const m = freshModel();
    await m.collection.insertMany([{ _id: 'a@2' }, { _id: 'a@3' }] as never[]);
    const result = await m.collection.deleteOne({ _id: 'a@2' as never });
    expect(result.deletedCount).toBe(1);
    expect(await m.collection.find({}).toArray()).toEqual([{ _id: 'a@3' }]);
    expect((await m.collection.deleteOne({ _id: 'a@2' as never })).deletedCount).toBe(0);
  });
});

/** Every TypeScript source file of packages/ and services/ (not tests). */
function sourceFiles(): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      if (name === 'node_modules' || name === 'dist' || name === 'test') continue;
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith('.ts') && !name.endsWith('.test.ts')) out.push(path);
    }
  };
  for (const top of ['packages', 'services']) walk(join(ROOT, top));
  return out;
}

describe('known FerretDB 1.24 gaps (documented; the code must not rely on them)', () => {
  it('$pull with a condition is ignored on FerretDB (removes on MongoDB); $pull of an exact whole value works on both', async () => {
    const m = freshModel();
    const outbox = [
      { id: 'e1', body: 'one' },
      { id: 'e2', body: 'two' },
    ];
    await m.collection.insertOne({ _id: 'p', outbox, tags: ['a', 'b', 'c'], n: [1, 5, 9], exact: ['x', 'y'] } as never);
    await m.collection.updateOne({ _id: 'p' as never }, { $pull: { outbox: { id: 'e1' } } } as never);
    await m.collection.updateOne({ _id: 'p' as never }, { $pull: { tags: { $in: ['a', 'b'] } } } as never);
    await m.collection.updateOne({ _id: 'p' as never }, { $pull: { n: { $gt: 3 } } } as never);
    await m.collection.updateOne({ _id: 'p' as never }, { $pull: { exact: 'x' } } as never);
    const doc = await m.collection.findOne({ _id: 'p' as never });
    // (A subdocument condition that happens to equal a whole element, e.g. `{id: 'e1'}` against
    // `[{id: 'e1'}]`, is removed on FerretDB too: it compares whole values, not conditions.)
    if (isFerret) expect(doc).toEqual({ _id: 'p', outbox, tags: ['a', 'b', 'c'], n: [1, 5, 9], exact: ['y'] });
    else expect(doc).toEqual({ _id: 'p', outbox: [outbox[1]], tags: ['c'], n: [1], exact: ['y'] });
  });

  it('$push with $slice pushes but does not trim on FerretDB (trims on MongoDB)', async () => {
    const m = freshModel();
    await m.collection.insertOne({ _id: 's', processed: ['a', 'b', 'c'] } as never);
    await m.collection.updateOne({ _id: 's' as never }, { $push: { processed: { $each: ['d'], $slice: -2 } } } as never);
    const doc = await m.collection.findOne({ _id: 's' as never });
    // FerretDB appends but does not trim: the array grows without bound.
    if (isFerret) expect(doc?.processed).toEqual(['a', 'b', 'c', 'd']);
    else expect(doc?.processed).toEqual(['c', 'd']);
  });

  it('passing projection to findOneAndUpdate fails on FerretDB', async () => {
    const m = freshModel();
    await m.collection.insertOne({ _id: 'f', applied: true, leaseUntil: new Date(0) } as never);
    const attempt = m.collection.findOneAndUpdate(
      { applied: true },
      { $set: { leaseOwner: 'me' } },
      { returnDocument: 'after', projection: { _id: 1 } },
    );
    if (isFerret) await expect(attempt).rejects.toThrow();
    else await expect(attempt).resolves.toEqual({ _id: 'f' });
  });

  it('no source in packages/ or services/ uses $pull with a condition or $slice', () => {
    const offenders: string[] = [];
    for (const file of sourceFiles()) {
      const text = readFileSync(file, 'utf8');
      // `$pull: { field: { … } }` (a condition) and any `$slice` are the forms FerretDB ignores;
      // `$pull: { field: 'exact value' }` works there and is allowed.
      if (/\$pull['"]?\s*:\s*\{[^}]*?:\s*\{/.test(text) || /\$slice/.test(text)) offenders.push(file);
    }
    expect(offenders).toEqual([]);
  });
});
