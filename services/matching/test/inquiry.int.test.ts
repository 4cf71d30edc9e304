import { type Bus, connectBus, silentLogger } from '@rs/bus';
import { cvPublisher } from '@rs/connector';
import { type CandidateInquiry, jobcentreQueue, type SharedCv } from '@rs/contracts';
import { jobcentreAmqpUrl, jobcentreToken, type RunningService, type TestPlatform, testPlatform, tokenFor, waitFor } from '@rs/testkit';
import request from 'supertest';

/**
 * "Ask this jobcentre" on real servers: a consultant of Tårnby (185) asks København (101) about a
 * candidate it found; the question reaches København's own queue once (a retry with the same
 * idempotency key sends nothing more), København and Tårnby list it, Hvidovre (167) cannot read
 * it by list or id; a CPR-shaped text is refused naming the field, and nothing is sent.
 */
const cv = (ref: string, over: Partial<SharedCv> = {}): SharedCv => ({
  candidateRef: ref,
  revision: new Date().toISOString(),
  headline: 'Lagerarbejder med truckcertifikat',
  occupations: [{ code: '9321', years: 3 }],
  skills: ['lager'],
  certificates: ['forklift'],
  languages: [{ code: 'da', level: 'C1' }],
  municipality: 101,
  summary: { da: 'Lagerarbejder' },
  visibility: { searchable: true },
  ...over,
});

describe('inquiries about a candidate to its home jobcentre', () => {
  let platform: TestPlatform;
  let matching: RunningService;
  let bus: Bus;

  beforeAll(async () => {
    platform = await testPlatform({ jobcentres: [101, 167, 185] });
    matching = await platform.start('matching');
    bus = connectBus({ url: jobcentreAmqpUrl(platform.world, 101), name: 'test-101', logger: silentLogger });
    await cvPublisher(bus, 101).upsertCvs([cv('k-1'), cv('k-hidden', { visibility: { searchable: false } })]);
    await waitFor(
      async () =>
        (
          await request(matching.url)
            .get('/jobcentres/101/pool')
            .set('authorization', `Bearer ${jobcentreToken(101)}`)
        ).body.candidates === 2,
      { what: "101's CVs in the pool" },
    );
  }, 60_000);
  afterAll(async () => {
    await bus?.close();
    await platform?.dispose();
  });

  const ask = (body: Record<string, unknown>, token = jobcentreToken(185), key?: string) => {
    const req = request(matching.url).post('/candidate-inquiries').set('authorization', `Bearer ${token}`);
    return (key ? req.set('idempotency-key', key) : req).send(body);
  };
  const list = (code: number, token = jobcentreToken(code), direction = 'received') =>
    request(matching.url).get(`/jobcentres/${code}/candidate-inquiries`).query({ direction }).set('authorization', `Bearer ${token}`);

  it("reaches the home jobcentre's own queue once, and only the two jobcentres read it", async () => {
    const queue101 = await platform.bus.drain([jobcentreQueue(101)]);
    const queue167 = await platform.bus.drain([jobcentreQueue(167)]);
    const body = { jobcentre: 101, candidateRef: 'k-1', company: 'Dragør Lager ApS', question: 'Kan kandidaten starte 1. januar?' };
    const sent = await ask(body, jobcentreToken(185), 'ask-k-1').expect(201);
    expect(sent.body).toMatchObject({ toJobcentre: 101, fromJobcentre: 185, candidateRef: 'k-1', askedBy: 'consultant-185' });
    expect(sent.headers.location).toBe(`/candidate-inquiries/${sent.body.inquiryId}`);
    const again = await ask(body, jobcentreToken(185), 'ask-k-1').expect(201);
    expect(again.body.inquiryId).toBe(sent.body.inquiryId);

    const message = await waitFor(() => queue101.data<CandidateInquiry>('pool.candidate-inquiry')[0], {
      what: 'pool.candidate-inquiry on jobcentre.101',
    });
    expect(message).toMatchObject({ inquiryId: sent.body.inquiryId, question: body.question, company: body.company });
    expect((await list(101).expect(200)).body.inquiries.map((i: CandidateInquiry) => i.inquiryId)).toEqual([sent.body.inquiryId]);
    expect((await list(185, jobcentreToken(185), 'sent').expect(200)).body.inquiries).toHaveLength(1);
    // Tårnby's own received list is empty; Hvidovre reads neither København's list nor the inquiry.
    expect((await list(185).expect(200)).body.inquiries).toEqual([]);
    await list(101, jobcentreToken(167)).expect(404);
    await request(matching.url)
      .get(`/candidate-inquiries/${sent.body.inquiryId}`)
      .set('authorization', `Bearer ${jobcentreToken(167)}`)
      .expect(404);
    await request(matching.url)
      .get(`/candidate-inquiries/${sent.body.inquiryId}`)
      .set('authorization', `Bearer ${jobcentreToken(101)}`)
      .expect(200);
    // The retry sent nothing more; nothing went to another jobcentre's queue.
    expect(queue101.data('pool.candidate-inquiry')).toHaveLength(1);
    expect(queue167.data('pool.candidate-inquiry')).toHaveLength(0);
  });

  it('refuses CPR-shaped text with a problem naming the field, and sends nothing', async () => {
    const before = (await list(101).expect(200)).body.inquiries.length;
    for (const [field, text] of [
      ['question', 'Er det 010190-1234, der søger?'],
      ['question', 'cpr 0101901234'],
      ['company', 'Firma 010190 1234'],
    ] as const) {
      const res = await ask({ jobcentre: 101, candidateRef: 'k-1', question: 'Kan kandidaten starte?', [field]: text }).expect(400);
      expect(res.body.errors).toEqual([
        expect.objectContaining({ field: `body.${field}`, message: expect.stringMatching(/CPR.*CPR-nummer/) }),
      ]);
    }
    const tooLong = await ask({ jobcentre: 101, candidateRef: 'k-1', question: 'x'.repeat(1001) }).expect(400);
    expect(tooLong.body.errors.map((e: { field: string }) => e.field)).toEqual(['body.question']);
    expect((await list(101).expect(200)).body.inquiries).toHaveLength(before);
  });

  it('asks only about a candidate the pool shows, of another jobcentre, and only as a jobcentre consultant', async () => {
    const question = 'Kan kandidaten starte?';
    await ask({ jobcentre: 101, candidateRef: 'k-hidden', question }).expect(404);
    await ask({ jobcentre: 101, candidateRef: 'k-nobody', question }).expect(404);
    const own = await ask({ jobcentre: 101, candidateRef: 'k-1', question }, jobcentreToken(101)).expect(422);
    expect(own.body.errors[0].field).toBe('body.jobcentre');
    await ask({ jobcentre: 101, candidateRef: 'k-1', question }, tokenFor({ role: 'admin', sub: 'admin-1' })).expect(403);
    await ask({ jobcentre: 101, candidateRef: 'k-1', question, extra: 1 }).expect(400);
  });
});
