import { randomUUID } from 'node:crypto';
import { type CooperationState, danishDay, EXCHANGES } from '@rs/contracts';
import { allJobcentres } from '@rs/reference-data';
import {
  callRoute,
  jobcentreToken,
  type RouteAnswer,
  type RunningService,
  type TestPlatform,
  testPlatform,
  tokenFor,
  waitFor,
  type Watch,
} from '@rs/testkit';
import request from 'supertest';
import { reportingRouteTable } from './reporting-api-kit';

/**
 * R15, a cooperation the admin creates (issue 20 part 5: "any other cooperation, up to all 98
 * municipalities"): POST /cooperations on a real reporting process — version 1 with the seed's
 * policies, published as cooperation.changed; an id taken once, also by parallel creates (the
 * change log's unique insert elects one); refusals at their fields in both languages; admin only.
 */
const admin = tokenFor({ role: 'admin', sub: 'admin-1' });
const NORDJYLLAND = allJobcentres()
  .filter((j) => j.regionCode === 1081)
  .map((j) => j.code);
const AALBORG = 851;

/** What the tests read of an answer: a version, or a problem. */
interface Answered {
  state: CooperationState;
  changed: string[];
  type: string;
  detail: string;
  detail_da: string;
  errors: { field: string; message: string; message_en: string; message_da: string }[];
}

describe('creating a cooperation', () => {
  let platform: TestPlatform;
  let reporting: RunningService;
  let events: Watch;

  beforeAll(async () => {
    platform = await testPlatform();
    reporting = await platform.start('reporting');
    events = await platform.bus.watch(EXCHANGES.events, ['cooperation.changed']);
  }, 90_000);
  afterAll(() => platform?.dispose());

  const today = () => danishDay(new Date());
  const table = reportingRouteTable();
  /** POST /cooperations, its answer checked against the route's OpenAPI declaration. */
  const create = (body: object, token = admin, key?: string) =>
    callRoute(reporting.url, table.routes, {
      method: 'POST',
      path: '/cooperations',
      body,
      ...(token ? { token } : {}),
      ...(key ? { headers: { 'idempotency-key': key } } : {}),
    });
  /** The same, answering `status` as documented. */
  const created = async (status: number, body: object, token = admin, key?: string) => {
    const answer = await create(body, token, key);
    expect({ status: answer.status, problems: answer.problems }).toEqual({ status, problems: [] });
    return answer as RouteAnswer & { body: Answered };
  };
  const nrs = (more: object = {}) => ({
    id: 'NRS',
    name: 'Nordjyllands Rekrutteringsservice',
    members: NORDJYLLAND.map((jobcentre) => ({ jobcentre, from: today() })),
    secretariat: { jobcentre: AALBORG, since: today() },
    chair: { jobcentre: AALBORG, since: today() },
    reason: 'Region Nordjyllands jobcentre går sammen / The North Jutland jobcentres join forces',
    ...more,
  });
  const published = (id: string) =>
    events.data<{ cooperation: CooperationState; changed: string[] }>('cooperation.changed').filter((d) => d.cooperation.id === id);
  const fields = (body: { errors: { field: string }[] }) => body.errors.map((e) => e.field);

  it('creates one for Region Nordjylland: version 1 with the seed policies, listed, its history, its event', async () => {
    const key = randomUUID();
    const made = await created(201, nrs(), admin, key);
    expect(made.body.state).toMatchObject({
      id: 'NRS',
      version: 1,
      secretariat: { jobcentre: AALBORG },
      chair: { jobcentre: AALBORG, rotationYears: 2 },
      replyWindow: { hours: 48, mode: 'working-time' },
      escalation: { autoEscalate: false, notifySecretariat: true },
      changedBy: 'admin-1',
    });
    expect(made.body.state.members.map((m: { jobcentre: number }) => m.jobcentre)).toEqual(NORDJYLLAND);
    // A retry with the same key gets the same answer, and creates nothing more.
    const replay = await created(201, nrs(), admin, key);
    expect(replay.headers['idempotency-replayed']).toBe('true');
    expect(replay.body).toEqual(made.body);

    const list = await request(reporting.url)
      .get('/cooperations')
      .set('authorization', `Bearer ${jobcentreToken(AALBORG)}`)
      .expect(200);
    expect(list.body.map((c: CooperationState) => c.id)).toEqual(['HRS', 'JRS', 'NRS']);
    const detail = await request(reporting.url).get('/cooperations/NRS').set('authorization', `Bearer ${admin}`).expect(200);
    expect(detail.body.cooperation).toEqual(made.body.state);
    expect(detail.body.history).toHaveLength(1);

    await waitFor(() => published('NRS').length === 1, { what: 'cooperation.changed of NRS' });
    expect(published('NRS')[0]!.cooperation).toEqual(made.body.state);

    // The same id again (without the key): taken, in both languages, nothing changed.
    const again = await created(409, nrs({ name: 'Et andet navn' }));
    expect(again.body).toMatchObject({
      type: 'urn:rs:problem:already-exists',
      detail: 'A cooperation with the id NRS exists already',
      detail_da: "Der findes allerede et samarbejde med id'et NRS",
    });
    const after = await request(reporting.url).get('/cooperations/NRS').set('authorization', `Bearer ${admin}`).expect(200);
    expect(after.body.cooperation.name).toBe('Nordjyllands Rekrutteringsservice');
    // It is a cooperation like the others: the admin changes it.
    await request(reporting.url)
      .post('/cooperations/NRS/changes')
      .set('authorization', `Bearer ${admin}`)
      .send({ reason: 'Mål for året', targets: { placementsPerYear: 200 } })
      .expect(201);
  });

  it('lets exactly one of several parallel creates of one id win, with one event', async () => {
    const body = { id: 'RACE', name: 'Kapløb', members: [{ jobcentre: 461, from: today() }], reason: 'Test af kapløb' };
    const answers = await Promise.all(Array.from({ length: 6 }, () => create(body)));
    expect(answers.map((a) => a.status).sort()).toEqual([201, 409, 409, 409, 409, 409]);
    expect(answers.flatMap((a) => a.problems)).toEqual([]);
    const detail = await request(reporting.url).get('/cooperations/RACE').set('authorization', `Bearer ${admin}`).expect(200);
    expect(detail.body.history).toHaveLength(1);
    await waitFor(() => published('RACE').length >= 1, { what: 'cooperation.changed of RACE' });
    // A loser's event would have been handed off before its answer: once a cooperation created
    // after all of them is published, every RACE event there is has come too.
    const marker = randomUUID().slice(0, 8);
    await created(201, { id: 'MARK', name: marker, members: [{ jobcentre: 479, from: today() }], reason: 'markør' });
    await waitFor(() => published('MARK').length === 1, { what: 'the marker cooperation' });
    expect(published('RACE')).toHaveLength(1);
  });

  it('refuses what the rules refuse at the field, in both languages, and stores nothing', async () => {
    const cases: [object, string[]][] = [
      [{ members: [], secretariat: undefined, chair: undefined }, ['body.members']],
      // With no members, nobody can hold an office either.
      [{ members: [] }, ['body.members', 'body.secretariat.jobcentre', 'body.chair.jobcentre']],
      [{ members: [{ jobcentre: 998, from: today() }], secretariat: undefined, chair: undefined }, ['body.members.0.jobcentre']],
      // København is HRS's: a jobcentre is a member of one cooperation at a time.
      [{ id: 'KBH', members: [{ jobcentre: 101, from: today() }], secretariat: undefined, chair: undefined }, ['body.members.0.jobcentre']],
      [
        { id: 'SJL', members: [{ jobcentre: 561, from: today() }], secretariat: { jobcentre: 563, since: today() }, chair: undefined },
        ['body.secretariat.jobcentre'],
      ],
      [
        { id: 'SJL', members: [{ jobcentre: 561, from: today() }], secretariat: undefined, chair: { jobcentre: 101, since: today() } },
        ['body.chair.jobcentre'],
      ],
    ];
    for (const [more, expected] of cases) {
      const answer = await created(422, nrs({ id: 'NEW', ...more }));
      expect({ more, fields: fields(answer.body) }).toEqual({ more, fields: expected });
      expect(answer.body.type).toBe('urn:rs:problem:change-refused');
      for (const e of answer.body.errors) expect(e.message).toBe(`${e.message_en} / ${e.message_da}`);
    }
    const another = await created(
      422,
      nrs({ id: 'KBH', members: [{ jobcentre: 101, from: today() }], secretariat: undefined, chair: undefined }),
    );
    expect(another.body.errors[0]?.message).toBe(
      'A member of another cooperation then; it must leave that one first / Medlem af et andet samarbejde på det tidspunkt; det skal først udtræde af det',
    );
    // Bad input is the edge's: 400 naming each field.
    const bad = await created(400, { ...nrs(), id: 'nrs2', name: '', reason: 'x', extra: 1 });
    expect(fields(bad.body).sort()).toEqual(['body.extra', 'body.id', 'body.name', 'body.reason']);
    const list = await request(reporting.url).get('/cooperations').set('authorization', `Bearer ${admin}`).expect(200);
    expect(list.body.map((c: CooperationState) => c.id)).not.toEqual(expect.arrayContaining(['NEW', 'KBH', 'SJL']));
  });

  it('is the admin’s: every other role gets 403 and creates nothing', async () => {
    for (const token of [
      jobcentreToken(AALBORG),
      tokenFor({ role: 'secretariat', sub: 's', cooperation: 'HRS' }),
      tokenFor({ role: 'phone-line', sub: 'p' }),
    ]) {
      const answer = await created(403, nrs({ id: 'NOPE' }), token);
      expect(answer.body.type).toBe('urn:rs:problem:forbidden');
    }
    await created(401, nrs({ id: 'NOPE' }), '');
    await request(reporting.url).get('/cooperations/NOPE').set('authorization', `Bearer ${admin}`).expect(404);
  });
});
