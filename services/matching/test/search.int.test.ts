import { type Bus, connectBus, silentLogger } from '@rs/bus';
import { type CvPublisher, cvPublisher } from '@rs/connector';
import { jobcentreQueue, type SharedCv, type StaleCvs } from '@rs/contracts';
import { jobcentreAmqpUrl, jobcentreToken, type RunningService, type TestPlatform, testPlatform, tokenFor, waitFor } from '@rs/testkit';
import mongoose from 'mongoose';
import request from 'supertest';

/**
 * Issue 17 on real servers: visibility (only what the home jobcentre marked searchable, checked
 * again in the store at match time), a consultant's search across the jobcentres of a scope
 * with minimised results, every result recorded as a read that the home jobcentre can list and
 * nobody can change, and stale CVs reported on the jobcentre's queue.
 */
const fresh = () => new Date().toISOString();

function cv(ref: string, over: Partial<SharedCv> = {}): SharedCv {
  return {
    candidateRef: ref,
    revision: fresh(),
    headline: 'Social- og sundhedsassistent',
    occupations: [{ code: '5321', years: 4 }],
    skills: ['medicingivning'],
    certificates: ['first-aid'],
    languages: [{ code: 'da', level: 'C2' }],
    municipality: 147,
    summary: { da: 'Erfaren SOSU-assistent' },
    visibility: { searchable: true },
    ...over,
  };
}

describe('visibility, search and the read log', () => {
  let platform: TestPlatform;
  let matching: RunningService;
  const buses: Bus[] = [];
  const publishers = new Map<number, CvPublisher>();
  let db: mongoose.Connection;
  const consultant101 = jobcentreToken(101);

  beforeAll(async () => {
    platform = await testPlatform({ jobcentres: [101, 147, 151, 851] });
    matching = await platform.start('matching', { STALE_CV_DAYS: '30', STALE_REPORT_SECONDS: '1', INDEX_REFRESH_SECONDS: '1' });
    for (const code of [147, 151, 851]) {
      const bus = connectBus({ url: jobcentreAmqpUrl(platform.world, code), name: `test-${code}`, logger: silentLogger });
      buses.push(bus);
      publishers.set(code, cvPublisher(bus, code));
    }
    db = await mongoose.createConnection(platform.world.mongoUrl, { dbName: platform.world.dbName('matching') }).asPromise();
  }, 60_000);
  afterAll(async () => {
    await db?.close();
    for (const bus of buses) await bus.close();
    await platform.dispose();
  });

  const search = (body: Record<string, unknown>, token = consultant101) =>
    request(matching.url).post('/candidate-searches').set('authorization', `Bearer ${token}`).send(body);
  const refsOf = async (body: Record<string, unknown>) => {
    const res = await search({ occupation: '5321', scope: 'cooperation', purpose: 'ordre til plejecenter', ...body }).expect(200);
    return (res.body.results as { candidateRef: string }[]).map((r) => r.candidateRef).sort();
  };
  const poolCount = async (code: number) =>
    (
      await request(matching.url)
        .get(`/jobcentres/${code}/pool`)
        .set('authorization', `Bearer ${jobcentreToken(code)}`)
        .expect(200)
    ).body.candidates as number;

  it('shows only CVs their jobcentre marked searchable, and nothing that speaks against it', async () => {
    await publishers
      .get(147)!
      .upsertCvs([
        cv('vis-yes'),
        cv('vis-unmarked', { visibility: undefined }),
        cv('vis-not-searchable', { visibility: { searchable: false } }),
        cv('vis-protected', { visibility: { searchable: true, addressProtected: true } }),
        cv('vis-no-consent', { visibility: { searchable: true, consent: 'missing' } }),
      ]);
    await waitFor(async () => (await poolCount(147)) === 5, { what: "147's CVs stored" });
    expect(await refsOf({})).toEqual(['vis-yes']);

    // The jobcentre takes it back: a newer revision not searchable.
    await publishers
      .get(147)!
      .upsertCvs([cv('vis-yes', { revision: new Date(Date.now() + 1000).toISOString(), visibility: { searchable: false } })]);
    await waitFor(async () => (await refsOf({})).length === 0, { what: 'the CV hidden' });
  });

  it('checks every pick again in the store: a CV gone from the store is never returned, whatever the index holds', async () => {
    await publishers.get(147)!.upsertCvs([cv('gone-behind-its-back'), cv('still-here')]);
    await waitFor(async () => (await refsOf({})).length === 2, { what: 'both CVs found' });
    // Deleted beside the service (as another replica's withdrawal would be): this replica's index still holds it.
    await db.collection('candidate_pool').deleteOne({ _id: '147-gone-behind-its-back' as never });
    expect(await refsOf({})).toEqual(['still-here']);
  });

  it('searches the scope the consultant chose (always with its own), applies hard requirements, answers minimised results', async () => {
    await publishers.get(151)!.upsertCvs([cv('gladsaxe-1', { municipality: 159, certificates: ['forklift'], licenceCategories: ['C'] })]);
    await publishers.get(851)!.upsertCvs([cv('aalborg-1', { municipality: 851 })]);
    await waitFor(async () => (await poolCount(151)) === 1 && (await poolCount(851)) === 1, { what: 'CVs of 151 and 851' });

    expect(await refsOf({ scope: 'cooperation' })).toEqual(['gladsaxe-1', 'still-here']);
    expect(await refsOf({ scope: 'national' })).toEqual(['aalborg-1', 'gladsaxe-1', 'still-here']);
    expect(await refsOf({ scope: 'national', requirements: { certificates: ['forklift'], licenceCategories: ['C'] } })).toEqual([
      'gladsaxe-1',
    ]);
    expect(await refsOf({ scope: 'national', requirements: { languages: [{ code: 'en', level: 'B1' }] } })).toEqual([]);

    const res = await search({ occupation: '5322', scope: 'national', purpose: 'ordre til hjemmeplejen', limit: 1 }).expect(200);
    expect(res.body).toMatchObject({ scope: 'national', jobcentres: 96 });
    const [best] = res.body.results;
    expect(Object.keys(best).sort()).toEqual(
      [
        'candidateRef',
        'certificates',
        'headline',
        'jobcentre',
        'jobcentreName',
        'languages',
        'licenceCategories',
        'occupations',
        'reasons',
        'score',
      ].sort(),
    );
    expect(best.reasons[0]).toEqual({
      code: 'related-occupation',
      da: 'Beslægtet fag: samme faggruppe (5321)',
      en: 'Related occupation: same minor group (5321)',
    });
  });

  it('is for jobcentre consultants only; a cooperation search needs a cooperation; bad filters are named', async () => {
    const body = { occupation: '5321', scope: 'national', purpose: 'statistik' };
    await search(body, tokenFor({ role: 'secretariat', sub: 'sek-1', cooperation: 'HRS' })).expect(403);
    await search(body, tokenFor({ role: 'admin', sub: 'admin-1' })).expect(403);
    const none = await search({ ...body, scope: 'cooperation' }, jobcentreToken(851)).expect(403);
    expect(none.body.title_da).toBeDefined();
    const bad = await search({ ...body, occupation: '53', requirements: { certificates: ['pilot'] } }).expect(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['body.occupation', 'body.requirements.certificates.0']);
    await search({ ...body, purpose: undefined }).expect(400);
  });

  it('records every candidate returned, for its jobcentre to list; nobody else reads that list and no route changes it', async () => {
    const searchReads = () => db.collection('candidate_reads').countDocuments({ candidate: '147-still-here', kind: 'search' });
    const before = await searchReads();
    const found = await search({ occupation: '5321', scope: 'cooperation', purpose: 'ordre 42: plejecenter', orderId: 'order-42' }).expect(
      200,
    );
    expect(found.body.results.map((r: { candidateRef: string }) => r.candidateRef)).toContain('still-here');
    // Recorded before the answer left: one read per candidate returned.
    expect(await searchReads()).toBe(before + 1);
    expect(await db.collection('candidate_reads').countDocuments({ orderId: 'order-42' })).toBe(found.body.results.length);
    await request(matching.url)
      .get('/jobcentres/147/candidates/still-here')
      .query({ purpose: 'forberede samtale' })
      .set('authorization', `Bearer ${jobcentreToken(147)}`)
      .expect(200);
    const reads = await request(matching.url)
      .get('/jobcentres/147/candidate-reads')
      .query({ candidateRef: 'still-here' })
      .set('authorization', `Bearer ${jobcentreToken(147)}`)
      .expect(200);
    expect(reads.body.reads[0]).toMatchObject({ by: 'consultant-147', kind: 'cv', purpose: 'forberede samtale', readerJobcentre: 147 });
    expect(reads.body.reads[1]).toMatchObject({
      by: 'consultant-101',
      role: 'jobcentre',
      readerJobcentre: 101,
      kind: 'search',
      purpose: 'ordre 42: plejecenter',
      orderId: 'order-42',
    });
    expect(reads.body.reads.filter((r: { kind: string }) => r.kind === 'search')).toHaveLength(before + 1);
    const stored = before + 1;

    await request(matching.url)
      .get('/jobcentres/147/candidate-reads')
      .set('authorization', `Bearer ${jobcentreToken(151)}`)
      .expect(404);
    for (const method of ['put', 'patch', 'delete', 'post'] as const)
      await request(matching.url)
        [method]('/jobcentres/147/candidate-reads')
        .set('authorization', `Bearer ${jobcentreToken(147)}`)
        .send({})
        .expect(404);
    expect(await db.collection('candidate_reads').countDocuments({ candidate: '147-still-here', kind: 'search' })).toBe(stored);
  });

  it("reports CVs not updated for the configured days on the jobcentre's queue and in its API", async () => {
    const queue = await platform.bus.drain([jobcentreQueue(151)]);
    await publishers.get(151)!.upsertCvs([cv('old-1', { revision: '2026-01-05T08:00:00Z', municipality: 159 })]);
    const report = await waitFor(() => queue.data<StaleCvs>('pool.stale-cvs')[0], {
      what: 'pool.stale-cvs on jobcentre.151',
      timeoutMs: 20_000,
    });
    expect(report).toMatchObject({
      jobcentre: 151,
      staleAfterDays: 30,
      count: 1,
      candidates: [{ candidateRef: 'old-1', revision: '2026-01-05T08:00:00.000Z' }],
    });
    const page = await request(matching.url)
      .get('/jobcentres/151/stale-cvs')
      .set('authorization', `Bearer ${jobcentreToken(151)}`)
      .expect(200);
    expect(page.body).toMatchObject({ count: 1, candidates: [{ candidateRef: 'old-1' }] });
    await request(matching.url)
      .get('/jobcentres/151/stale-cvs')
      .set('authorization', `Bearer ${jobcentreToken(147)}`)
      .expect(404);
    // Once a day: later turns of the job (every second here) send nothing more.
    const marks = await waitFor(
      async () => (await db.collection('stale_reports').countDocuments({ _id: { $regex: '^151-' } as never })) === 1,
      {
        what: 'the day marked',
      },
    );
    expect(marks).toBe(true);
    expect(queue.data('pool.stale-cvs')).toHaveLength(1);
  });
});
