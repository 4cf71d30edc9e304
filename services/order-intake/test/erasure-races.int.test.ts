import { erasedRef } from '@rs/contracts';
import { type Committed, changesOf, connectMongo } from '@rs/db';
import { createTestWorld, type TestWorld } from '@rs/testkit';
import type { Connection } from 'mongoose';
import { candidateCopies, erasedMarkers } from '../src/adapters/mongo/erasure.repository';
import { followUpRepository } from '../src/adapters/mongo/follow-ups.repository';
import { orderModels } from '../src/adapters/mongo/order.model';
import { orderRepository } from '../src/adapters/mongo/order.repository';
import { serviceGoalModels } from '../src/adapters/mongo/service-goals.model';
import { serviceGoalRepository } from '../src/adapters/mongo/service-goals.repository';
import { type CandidateCopies, type ErasureDeps, eraseCandidates } from '../src/app/erase-candidates';
import { planHireFollowUps } from '../src/app/plan-follow-ups';
import { recordFollowUpOutcome } from '../src/app/record-follow-up-outcome';
import type { ServiceGoalDeps } from '../src/app/service-goal-deps';
import type { FollowUpStore } from '../src/app/service-goal-ports';
import { followUpId } from '../src/domain/follow-ups';

/**
 * cv.erased in order-intake against what arrives around it, on the real MongoDB-wire server. The
 * interleavings are forced by hooks in the ports (a store wrapper runs the other side at the
 * chosen step), not by timing: an outcome recorded at each step of the follow-up's move is kept
 * under the marker; a hire event redelivered after the erasure plans nothing under the ref.
 */
describe('erasure races in order-intake', () => {
  let world: TestWorld;
  let connection: Connection;
  let base: { followUps: FollowUpStore; copies: CandidateCopies; erasure: ErasureDeps; goals: ServiceGoalDeps };
  let seq = 0;
  const onboarding = { role: 'onboarding' as const, cooperation: 'HRS', sub: 'onb-hrs' };

  beforeAll(async () => {
    world = await createTestWorld();
    connection = await connectMongo({ url: world.mongoUrl, dbName: world.dbName('erasure-races'), logger: { info() {}, warn() {} } });
    const models = { ...orderModels(connection), ...serviceGoalModels(connection) };
    await Promise.all(Object.values(models).map((m) => m.init()));
    // As the relay does once the messages are out: the change's entry goes, so only the aggregate keys its id.
    const relay = {
      handoff(c: Committed) {
        void changesOf(c.model).deleteOne({ _id: c.changeId });
      },
    };
    const followUps = followUpRepository(models, relay);
    const copies = candidateCopies(models, relay);
    const erased = erasedMarkers(models);
    base = {
      followUps,
      copies,
      erasure: { orders: orderRepository(models, relay), followUps, copies, erased },
      goals: {
        goals: serviceGoalRepository(models, relay),
        followUps,
        now: () => new Date('2026-12-01T09:00:00.000Z'),
        schedule: { dueAfter: (start) => start, warnBeforeMs: 0 },
        followUpWeeks: [4],
        cancelTimers: async () => {},
        erased,
      },
    };
  });
  afterAll(async () => {
    await connection?.close();
    await world?.dispose();
  });

  /** A fresh candidate with one follow-up due (week 4 of a November start). */
  const planned = async () => {
    const ref = `c-147-race-${++seq}`;
    const orderId = `order-${seq}`;
    const hire = { orderId, jobcentre: 147, candidateRef: ref, hiredAt: '2026-11-01T09:00:00.000Z', startDate: '2026-11-01' };
    await planHireFollowUps(base.goals, { ...hire, followUp: true, cooperation: 'HRS', weeklyHours: 37 });
    const marker = erasedRef(147, ref);
    return {
      ref,
      hire,
      original: followUpId({ orderId, jobcentre: 147, candidateRef: ref }, 4),
      moved: followUpId({ orderId, jobcentre: 147, candidateRef: marker }, 4),
    };
  };
  const erase = (ref: string, deps: Partial<ErasureDeps> = {}) =>
    eraseCandidates({ ...base.erasure, ...deps }, { jobcentre: 147, candidateRefs: [ref], erasedAt: '2026-12-01T09:00:00.000Z' });
  const answer = (id: string, followUps: FollowUpStore = base.followUps) =>
    recordFollowUpOutcome({ ...base.goals, followUps }, id, { status: 'still-employed' }, onboarding);
  /** Where the outcome ended: the original must be gone and the copy hold it. */
  const kept = async (c: { original: string; moved: string }) => ({
    original: (await base.followUps.load(c.original))?.state.outcome?.status ?? 'gone',
    moved: (await base.followUps.load(c.moved))?.state.outcome?.status ?? 'none',
  });

  it('keeps an outcome written after the erasure read the follow-up, before its copy went in', async () => {
    const c = await planned();
    const results: unknown[] = [];
    const followUps: FollowUpStore = {
      ...base.followUps,
      async insert(f, outbox) {
        if (f.id === c.moved && results.length === 0) results.push(await answer(c.original));
        return base.followUps.insert(f, outbox);
      },
    };
    await erase(c.ref, { followUps });
    expect(results).toEqual([expect.objectContaining({ ok: true, changed: true })]);
    expect(await kept(c)).toEqual({ original: 'gone', moved: 'still-employed' });
  });

  it('keeps an outcome written after the move carried over, just before the original is deleted', async () => {
    const c = await planned();
    const results: unknown[] = [];
    const copies: CandidateCopies = {
      ...base.copies,
      async removeFollowUp(id) {
        if (id === c.original) results.push(await answer(c.original));
        return base.copies.removeFollowUp(id);
      },
    };
    await erase(c.ref, { copies });
    expect(results).toEqual([expect.objectContaining({ ok: true, changed: true })]);
    expect(await kept(c)).toEqual({ original: 'gone', moved: 'still-employed' });
  });

  it('writes on the copy when the whole move ran between the outcome’s read and its write', async () => {
    const c = await planned();
    let erased = false;
    const followUps: FollowUpStore = {
      ...base.followUps,
      async load(id) {
        const found = await base.followUps.load(id);
        if (id === c.original && found && !erased) {
          erased = true;
          await erase(c.ref);
        }
        return found;
      },
    };
    const result = await answer(c.original, followUps);
    expect(result).toMatchObject({ ok: true, changed: true, followUp: { id: c.moved } });
    expect(await kept(c)).toEqual({ original: 'gone', moved: 'still-employed' });
  });

  it('plans nothing under the ref for a hire event redelivered after the erasure', async () => {
    const c = await planned();
    await erase(c.ref);
    const again = await planHireFollowUps(base.goals, { ...c.hire, followUp: true, cooperation: 'HRS', weeklyHours: 37 });
    expect(again).toEqual({ kind: 'planned', created: 0 });
    expect(await base.followUps.load(c.original)).toBeUndefined();
    expect(await base.followUps.load(c.moved)).toBeDefined();
  });
});
