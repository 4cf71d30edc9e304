import { cooperationSeeds } from '@rs/reference-data';
import { connectMongo } from '@rs/db';
import { createTestWorld, type TestWorld } from '@rs/testkit';
import type { Connection } from 'mongoose';
import { companyModels } from '../src/adapters/mongo/company.model';
import {
  agreementRepository,
  callRepository,
  companyRepository,
  fundAgreementRepository,
  nonceRepository,
} from '../src/adapters/mongo/company.repository';
import { orderModels } from '../src/adapters/mongo/order.model';
import { orderRepository } from '../src/adapters/mongo/order.repository';
import type { CompanyDeps } from '../src/app/company-deps';
import { recordCall, resolveCall } from '../src/app/record-call';
import { REFERENCE_ALPHABET } from '../src/domain/reference';

/**
 * The phone line's use case on its stores over the real MongoDB-wire server: a reference that is
 * taken already is drawn again (the unique index decides, not a read before); a keyed call
 * repeated after the edge's Redis record is gone meets the first call and its order; concurrent
 * nonce claims have one winner.
 */
describe('call store', () => {
  let world: TestWorld;
  let connection: Connection;
  let deps: CompanyDeps;
  let draws: number[] = [];
  let seq = 0;

  beforeAll(async () => {
    world = await createTestWorld();
    connection = await connectMongo({
      url: world.mongoUrl,
      dbName: world.dbName('calls'),
      logger: { info() {}, warn() {} },
      retryForMs: 10_000,
    });
    const models = { ...orderModels(connection), ...companyModels(connection) };
    await Promise.all(Object.values(models).map((m) => m.init()));
    deps = {
      orders: orderRepository(models, { handoff: () => {} }),
      companies: companyRepository(models),
      agreements: agreementRepository(models),
      fundAgreements: fundAgreementRepository(models),
      calls: callRepository(models),
      nonces: nonceRepository(models),
      now: () => new Date('2026-12-01T09:00:00.000Z'),
      cooperations: cooperationSeeds,
      newId: () => `00000000-0000-4000-8000-${String(++seq).padStart(12, '0')}`,
      // Scripted draws while there are any, then random ones.
      randomInt: (max) => draws.shift() ?? Math.floor(Math.random() * max),
      telephony: { secret: undefined, toleranceSeconds: 300 },
    };
  });
  afterAll(async () => {
    await connection?.close();
    await world?.dispose();
  });

  const operator = { role: 'phone-line' as const, sub: 'operator-1' };
  const question = { caller: { name: 'A' }, need: 'question' as const, note: '' };

  it('draws another reference when the first one is taken', async () => {
    draws = [0, 0, 0, 0, 0, 0];
    const first = await recordCall(deps, operator, question);
    expect(first).toMatchObject({ kind: 'created', call: { reference: '222-222' } });
    draws = [0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1];
    const second = await recordCall(deps, operator, question);
    expect(second).toMatchObject({ kind: 'created', call: { reference: '333-333' } });
    expect(REFERENCE_ALPHABET.slice(0, 2)).toBe('23');
    expect(await deps.calls.byReference('222-222')).toMatchObject({ id: first.kind === 'created' ? first.call.id : '' });
  });

  it('meets the first call and its order when a keyed call is repeated without the edge’s record', async () => {
    await deps.companies.insert({
      id: '24256790',
      cvr: '24256790',
      name: 'Dragør Havn',
      nameKey: 'dragør havn',
      address: { street: 'Havnen 1', postalCode: '2791', city: 'Dragør' },
      municipality: 155,
      leadJobcentre: 185,
      leadChosen: false,
      cooperation: 'HRS',
      contacts: [],
      createdAt: '2026-12-01T08:00:00.000Z',
      createdBy: 'operator-1',
    });
    const input = {
      caller: { name: 'B' },
      company: { cvr: '24256790' },
      need: 'new-order' as const,
      note: '',
      order: { title: 'Havnearbejder', occupation: '9333', positions: 1, description: '' },
    };
    const once = { principal: 'phone-line:operator-1', key: 'k-1', requestHash: 'h-1' };
    const first = await recordCall(deps, operator, input, once);
    const again = await recordCall(deps, operator, input, once);
    expect(first.kind).toBe('created');
    expect(again.kind).toBe('existing');
    if (first.kind !== 'created' || again.kind !== 'existing') return;
    expect([again.call.id, again.call.reference, again.call.orderId]).toEqual([first.call.id, first.call.reference, first.call.orderId]);
    expect((await deps.orders.load(first.call.orderId!))?.state).toMatchObject({ leadJobcentre: 185, company: { id: '24256790' } });
    expect(await recordCall(deps, operator, input, { ...once, requestHash: 'h-2' })).toEqual({ kind: 'key-reused' });
  });

  it('resolves a logged call once when two operators resolve it differently at the same time', async () => {
    const logged = await recordCall(deps, operator, question);
    if (logged.kind !== 'created') throw new Error(`expected a call, got ${logged.kind}`);
    const [order] = await deps.calls.list({ outcome: 'order-created' }, 1);
    const orderId = order?.orderId;
    if (!orderId) throw new Error('the previous test made an order');
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) => resolveCall(deps, operator, logged.call.id, { orderId }, `resolution-hash-${i}`)),
    );
    expect(results.filter((r) => r.kind === 'created')).toHaveLength(1);
    expect(results.filter((r) => r.kind === 'refused' && r.status === 409)).toHaveLength(5);
    const winner = results.find((r) => r.kind === 'created');
    const stored = await deps.calls.load(logged.call.id);
    expect(stored).toMatchObject({
      outcome: 'attached',
      orderId,
      resolutionHash: winner?.kind === 'created' ? winner.call.resolutionHash : '',
    });
    // The winner's retry meets its resolution.
    expect(await resolveCall(deps, operator, logged.call.id, { orderId }, stored?.resolutionHash ?? '')).toMatchObject({
      kind: 'existing',
    });
    // A resolution refused on its content gives its claim back: another may resolve.
    const other = await recordCall(deps, operator, question);
    if (other.kind !== 'created') throw new Error(`expected a call, got ${other.kind}`);
    expect(await resolveCall(deps, operator, other.call.id, { orderId: 'no-such-order' }, 'bad')).toMatchObject({ status: 422 });
    expect(await resolveCall(deps, operator, other.call.id, { orderId }, 'good')).toMatchObject({ kind: 'created' });
  });

  it('leaves no company behind when the call it registers is refused on its order', async () => {
    const newCompany = {
      cvr: '31234565',
      name: 'Kastrup Bageri',
      address: { street: 'Amagerlandevej 1', postalCode: '2770', city: 'Kastrup' },
      municipality: 185,
      contacts: [],
    };
    const call = {
      caller: { name: 'C' },
      company: { new: newCompany },
      need: 'new-order' as const,
      note: '',
      order: { title: 'Bager', occupation: '7512', positions: 1, municipality: 999, description: '' },
    };
    expect(await recordCall(deps, operator, call)).toMatchObject({ kind: 'refused', status: 400 });
    expect(await deps.companies.load('31234565')).toBeUndefined();
    const placed = await recordCall(deps, operator, { ...call, order: { ...call.order, municipality: 185 } });
    expect(placed).toMatchObject({ kind: 'created', call: { outcome: 'order-created', company: { id: '31234565' } } });
    expect(await deps.companies.load('31234565')).toMatchObject({ leadJobcentre: 185 });
  });

  it('elects one of many concurrent resolution claims of a call; the winner may claim again', async () => {
    const at = '2026-12-01T09:00:00.000Z';
    const wins = await Promise.all(Array.from({ length: 10 }, (_, i) => deps.calls.claimResolution('call-raced', `h-${i}`, at)));
    expect(wins.filter(Boolean)).toHaveLength(1);
    const winner = `h-${wins.indexOf(true)}`;
    expect(await deps.calls.claimResolution('call-raced', winner, at)).toBe(true);
    await deps.calls.releaseResolution('call-raced', 'h-other');
    expect(await deps.calls.claimResolution('call-raced', 'h-other', at)).toBe(false);
    await deps.calls.releaseResolution('call-raced', winner);
    expect(await deps.calls.claimResolution('call-raced', 'h-other', at)).toBe(true);
  });

  it('lets one of many concurrent claims of a nonce win', async () => {
    const at = new Date('2026-12-01T09:00:00.000Z');
    const wins = await Promise.all(Array.from({ length: 10 }, () => deps.nonces.claim('nonce-raced-0000001', at)));
    expect(wins.filter(Boolean)).toHaveLength(1);
    expect(await deps.nonces.prune(new Date(at.getTime() + 1))).toBe(1);
    expect(await deps.nonces.claim('nonce-raced-0000001', at)).toBe(true);
  });
});
