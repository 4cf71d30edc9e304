import { randomUUID } from 'node:crypto';
import { EXCHANGES, makeEnvelope, type PayloadOf } from '@rs/contracts';
import {
  callRoute,
  jobcentreToken,
  registerOrder,
  routeTable,
  type RunningService,
  type TestPlatform,
  testPlatform,
  tokenFor,
  waitFor,
} from '@rs/testkit';
import type { Router } from 'express';
import request from 'supertest';
import { followUpsRoutes } from '../src/adapters/http/follow-ups.routes';
import { serviceGoalsRoutes } from '../src/adapters/http/service-goals.routes';

/**
 * The service-goal and follow-up routes on a running order-intake: each answers as declared,
 * refuses bad input naming the field, the wrong role (403) and another jobcentre's order or
 * another cooperation's follow-up (404). The events that drive them come through the real bus:
 * order.registered from order-intake itself, status changes and hires published here.
 */
const table = routeTable('order-intake', (router: Router) => {
  serviceGoalsRoutes({} as never)(router);
  followUpsRoutes({} as never)(router);
}).routes;

const LEAD = 101;
const lead = jobcentreToken(LEAD);
const other = jobcentreToken(147);
const phoneLine = tokenFor({ role: 'phone-line', sub: 'operator-1' });
const hrsSecretariat = tokenFor({ role: 'secretariat', sub: 'sec-hrs', cooperation: 'HRS' });
const jrsSecretariat = tokenFor({ role: 'secretariat', sub: 'sec-jrs', cooperation: 'JRS' });
const hrsOnboarding = tokenFor({ role: 'onboarding', sub: 'onb-hrs', cooperation: 'HRS' });
const jrsOnboarding = tokenFor({ role: 'onboarding', sub: 'onb-jrs', cooperation: 'JRS' });

describe('service goals and follow-ups over HTTP', () => {
  let platform: TestPlatform;
  let intake: RunningService;
  const call = (c: Parameters<typeof callRoute>[2]) => callRoute(intake.url, table, c);
  const publish = <N extends 'order.status-changed' | 'order.candidate-hired'>(name: N, data: PayloadOf<N>) =>
    platform.bus.publish(EXCHANGES.events, name, makeEnvelope(name, data, { id: randomUUID(), time: new Date(), source: '/test' }));
  const goalsOf = (id: string, token = lead) => call({ method: 'GET', path: `/orders/${id}/service-goals`, token });
  const started = async (id: string) =>
    waitFor(async () => ((await goalsOf(id)).status === 200 ? ((await goalsOf(id)).body as GoalsBody) : undefined), {
      what: `the clocks of ${id}`,
    });

  beforeAll(async () => {
    platform = await testPlatform();
    intake = await platform.start('order-intake');
  }, 60_000);
  afterAll(() => platform.dispose());

  it('shows the clocks to the lead, its cooperation and the phone line, and to nobody else', async () => {
    const id = await registerOrder(intake, lead);
    const goals = await started(id);
    expect(goals.goals.map((g) => [g.goal, g.workingDays, g.standing])).toEqual([
      ['dialogue', 1, 'running'],
      ['candidates', 3, 'running'],
    ]);
    expect(goals.timeline.map((e) => e.type)).toEqual(['goal-started', 'goal-started']);
    for (const [token, status] of [
      [hrsSecretariat, 200],
      [phoneLine, 200],
      [other, 404],
      [jrsSecretariat, 404],
      [hrsOnboarding, 404],
    ] as const) {
      const answer = await goalsOf(id, token);
      expect([answer.status, answer.problems]).toEqual([status, []]);
    }
    expect((await goalsOf('no-such-order')).status).toBe(404);
    expect((await call({ method: 'GET', path: '/orders/a%20b/service-goals', token: lead })).status).toBe(400);
    await request(intake.url).get(`/orders/${id}/service-goals`).expect(401);
  });

  it('stops goal 1 on order.status-changed to in-dialogue and both on cancelled', async () => {
    const id = await registerOrder(intake, lead);
    await started(id);
    const change = (to: 'in-dialogue' | 'cancelled', from: 'registered' | 'in-dialogue') =>
      publish('order.status-changed', {
        orderId: id,
        entryId: `${id}-${to}`,
        cooperation: 'HRS',
        leadJobcentre: LEAD,
        from,
        to,
        lawStatus: 'in-progress',
        at: new Date().toISOString(),
        by: 'consultant-101',
      });
    await change('in-dialogue', 'registered');
    await waitFor(async () => ((await goalsOf(id)).body as GoalsBody).goals[0]?.standing === 'met', { what: 'goal 1 met' });
    await change('cancelled', 'in-dialogue');
    const stopped = await waitFor(
      async () => {
        const body = (await goalsOf(id)).body as GoalsBody;
        return body.goals[1]?.standing === 'stopped' ? body : undefined;
      },
      { what: 'goal 2 stopped' },
    );
    expect(stopped.goals.map((g) => g.standing)).toEqual(['met', 'stopped']);
    expect(stopped.timeline.map((e) => `${e.goal}:${e.type}`)).toEqual(
      expect.arrayContaining(['dialogue:goal-met', 'candidates:goal-stopped']),
    );
  });

  it('records an agreed alternative for the lead only, once, and refuses bad input naming the field', async () => {
    const id = await registerOrder(intake, lead);
    await started(id);
    const path = `/orders/${id}/service-goals/agreed-alternative`;
    const body = { description: 'Virksomheden tager to kandidater i praktik fra uge 3', agreedWith: 'HR-chef Jensen' };
    for (const token of [phoneLine, hrsSecretariat, hrsOnboarding]) {
      const refused = await call({ method: 'POST', path, token, body });
      expect([refused.status, refused.problems]).toEqual([403, []]);
    }
    const others = await call({ method: 'POST', path, token: other, body });
    expect([others.status, others.problems]).toEqual([404, []]);
    for (const [bad, field] of [
      [{ ...body, extra: 1 }, 'body.extra'],
      [{ description: { $gt: '' } }, 'body.description'],
      [{ description: 42 }, 'body.description'],
      [{ description: '   ' }, 'body.description'],
      [{ agreedWith: 'x' }, 'body.description'],
    ] as const) {
      const answer = await call({ method: 'POST', path, token: lead, body: bad });
      expect([answer.status, answer.problems, (answer.body as { errors?: { field: string }[] }).errors?.[0]?.field]).toEqual([
        400,
        [],
        field,
      ]);
    }
    const huge = await request(intake.url)
      .post(path)
      .set('authorization', `Bearer ${lead}`)
      .send({ description: 'x'.repeat(1024 * 1024) });
    expect(huge.status).toBe(413);

    const first = await call({ method: 'POST', path, token: lead, body });
    expect([first.status, first.problems]).toEqual([201, []]);
    expect((first.body as GoalsBody).goals[1]).toMatchObject({ standing: 'met', metBy: 'agreed-alternative' });
    const again = await call({ method: 'POST', path, token: lead, body });
    expect([again.status, again.problems]).toEqual([200, []]);
    const another = await call({ method: 'POST', path, token: lead, body: { description: 'Noget andet' } });
    expect([another.status, another.problems]).toEqual([409, []]);
    // Keyed: the same request replays its first answer.
    const keyed = { 'idempotency-key': `alt-${id}` };
    const k1 = await call({ method: 'POST', path, token: lead, body, headers: keyed });
    const k2 = await call({ method: 'POST', path, token: lead, body, headers: keyed });
    expect([k1.status, k2.status, k2.headers['idempotency-replayed']]).toEqual([200, 200, 'true']);
  });

  it('lists clocks by goal standing, only the caller’s own', async () => {
    const id = await registerOrder(intake, lead);
    await started(id);
    await call({
      method: 'POST',
      path: `/orders/${id}/service-goals/agreed-alternative`,
      token: lead,
      body: { description: 'Kursus først' },
    });
    const ids = async (path: string, token = lead) => {
      const answer = await call({ method: 'GET', path, token });
      expect([path, answer.status, answer.problems]).toEqual([path, 200, []]);
      return (answer.body as { serviceGoals: { orderId: string }[] }).serviceGoals.map((g) => g.orderId);
    };
    expect(await ids('/service-goals?goal=candidates&standing=met')).toContain(id);
    expect(await ids('/service-goals?goal=dialogue&standing=met')).not.toContain(id);
    expect(await ids('/service-goals?standing=running')).toContain(id);
    expect(await ids('/service-goals?standing=breached')).not.toContain(id);
    expect(await ids('/service-goals', other)).not.toContain(id);
    expect(await ids('/service-goals?lead=147')).toEqual([]);
    expect(await ids('/service-goals?lead=101', hrsSecretariat)).toContain(id);
    const page = await call({ method: 'GET', path: '/service-goals?limit=1', token: lead });
    const next = (page.body as { next: string | null }).next;
    expect(next).toMatch(/cursor=/);
    expect((await call({ method: 'GET', path: next!, token: lead })).problems).toEqual([]);
    for (const bad of [
      '/service-goals?standing=late',
      '/service-goals?goal=x',
      '/service-goals?lead=0x65',
      '/service-goals?from=2026-02-30',
    ]) {
      const answer = await call({ method: 'GET', path: bad, token: lead });
      expect([bad, answer.status, answer.problems]).toEqual([bad, 400, []]);
    }
    const onboarding = await call({ method: 'GET', path: '/service-goals', token: hrsOnboarding });
    expect([onboarding.status, onboarding.problems]).toEqual([403, []]);
  });

  it('plans follow-ups from order.candidate-hired for the cooperation’s onboarding consultant, who records the outcome', async () => {
    const orderId = await registerOrder(intake, lead);
    const start = new Date(Date.now() - 30 * 86_400_000).toISOString().slice(0, 10);
    const hire = {
      orderId,
      jobcentre: 147,
      candidateRef: `c-147-${orderId.slice(0, 8)}`,
      hiredAt: new Date().toISOString(),
      startDate: start,
      weeklyHours: 37,
      followUp: true,
      cooperation: 'HRS',
    };
    await publish('order.candidate-hired', hire);
    // A redelivery (the same hire under another message id) and a hire that is not a project.
    await publish('order.candidate-hired', hire);
    await publish('order.candidate-hired', { ...hire, candidateRef: 'c-147-nofollow', followUp: false });
    const list = async (path: string, token = hrsOnboarding) => {
      const answer = await call({ method: 'GET', path, token });
      expect([path, answer.problems]).toEqual([path, []]);
      return answer;
    };
    const all = await waitFor(
      async () => {
        const found = (await list(`/follow-ups?state=all&orderId=${orderId}`)).body as { followUps: FollowUpBody[] };
        return found.followUps.length >= 2 ? found.followUps : undefined;
      },
      { what: 'two follow-ups' },
    );
    // The order's company: whom the consultant asks about the hire.
    expect(all.map((f) => [f.weeksAfterStart, f.state, f.candidateRef, f.company])).toEqual([
      [4, 'due', hire.candidateRef, { name: 'Vognmand Hansen' }],
      [13, 'upcoming', hire.candidateRef, { name: 'Vognmand Hansen' }],
    ]);
    const due = ((await list(`/follow-ups?orderId=${orderId}`)).body as { followUps: FollowUpBody[] }).followUps;
    expect(due.map((f) => f.weeksAfterStart)).toEqual([4]);
    expect(((await list(`/follow-ups?orderId=${orderId}`, jrsOnboarding)).body as { followUps: unknown[] }).followUps).toEqual([]);
    expect(
      ((await list(`/follow-ups?orderId=${orderId}&state=all`, hrsSecretariat)).body as { followUps: unknown[] }).followUps,
    ).toHaveLength(2);
    expect((await list('/follow-ups', lead)).status).toBe(403);
    expect((await list('/follow-ups?cooperation=JRS')).status).toBe(403);
    expect((await list('/follow-ups?state=soon')).status).toBe(400);

    const id = due[0]!.id;
    const one = (token: string) => call({ method: 'GET', path: `/follow-ups/${id}`, token });
    expect([(await one(hrsOnboarding)).status, (await one(jrsOnboarding)).status, (await one(lead)).status]).toEqual([200, 404, 403]);

    const path = `/follow-ups/${id}/outcome`;
    const answer = { status: 'left', reason: 'Flyttet til Jylland' };
    for (const [token, status] of [
      [jrsOnboarding, 404],
      [hrsSecretariat, 403],
      [lead, 403],
      [phoneLine, 403],
    ] as const) {
      const refused = await call({ method: 'POST', path, token, body: answer });
      expect([refused.status, refused.problems]).toEqual([status, []]);
    }
    for (const [bad, field] of [
      [{ status: 'maybe' }, 'body.status'],
      [{ status: 'left' }, 'body.reason'],
      [{ status: 'left', reason: { $ne: 1 } }, 'body.reason'],
      [{ ...answer, note: 'x' }, 'body.note'],
    ] as const) {
      const refused = await call({ method: 'POST', path, token: hrsOnboarding, body: bad });
      expect([refused.status, refused.problems, (refused.body as { errors?: { field: string }[] }).errors?.[0]?.field]).toEqual([
        400,
        [],
        field,
      ]);
    }
    const recorded = await call({ method: 'POST', path, token: hrsOnboarding, body: answer });
    expect([recorded.status, recorded.problems]).toEqual([201, []]);
    expect(recorded.body).toMatchObject({ state: 'done', outcome: { status: 'left', reason: answer.reason, recordedBy: 'onb-hrs' } });
    expect((await call({ method: 'POST', path, token: hrsOnboarding, body: answer })).status).toBe(200);
    expect((await call({ method: 'POST', path, token: hrsOnboarding, body: { status: 'still-employed' } })).status).toBe(409);
    expect((await call({ method: 'POST', path: '/follow-ups/none/outcome', token: hrsOnboarding, body: answer })).status).toBe(404);
    const done = ((await list(`/follow-ups?state=done&orderId=${orderId}`)).body as { followUps: FollowUpBody[] }).followUps;
    expect(done.map((f) => f.id)).toEqual([id]);
    // Still two: the redelivered hire planned nothing new, the hire without follow-up nothing at all.
    expect(((await list(`/follow-ups?state=all&orderId=${orderId}`)).body as { followUps: unknown[] }).followUps).toHaveLength(2);
  });
});

interface GoalsBody {
  goals: { goal: string; workingDays: number; standing: string; metBy?: string }[];
  timeline: { goal: string; type: string }[];
}

interface FollowUpBody {
  id: string;
  company: { name: string } | null;
  weeksAfterStart: number;
  state: string;
  candidateRef: string;
}
