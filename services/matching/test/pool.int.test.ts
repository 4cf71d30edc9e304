import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Bus, connectBus, silentLogger } from '@rs/bus';
import { type CvPublisher, cvPublisher } from '@rs/connector';
import { EXCHANGES, type OrderShortlisted, type SharedCv } from '@rs/contracts';
import {
  jobcentreAmqpUrl,
  jobcentreToken,
  type RunningService,
  registerOrder,
  type TestPlatform,
  testPlatform,
  tokenFor,
  waitFor,
} from '@rs/testkit';
import request from 'supertest';

/**
 * Issue 4 (sync) and the pool behind issue 3's shortlists: CVs from a connector reach the shared
 * pool as their jobcentre's (the broker-checked user_id), the newest revision wins, a withdrawal
 * deletes, reads are recorded, and a new order is ranked into per-jobcentre shortlists.
 */
const CLI = join(__dirname, '../../../packages/connector/dist/cli/main.js');

function cv(ref: string, over: Partial<SharedCv> = {}): SharedCv {
  return {
    candidateRef: ref,
    revision: '2026-11-01T08:00:00Z',
    headline: 'Social- og sundhedsassistent',
    occupations: ['5321'],
    skills: ['medicingivning'],
    languages: ['da'],
    municipality: 147,
    summary: 'Erfaren SOSU-assistent',
    visibility: { searchable: true },
    ...over,
  };
}

function runCli(args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('the shared candidate pool', () => {
  let platform: TestPlatform;
  let matching: RunningService;
  let intake: RunningService;
  let bus147: Bus;
  let connector147: CvPublisher;
  const dir = mkdtempSync(join(tmpdir(), 'rs-sync-'));
  const token147 = jobcentreToken(147);
  const cliEnv = () => ({ AMQP_URL: jobcentreAmqpUrl(platform.world, 147), JOBCENTRES: '147' });

  beforeAll(async () => {
    platform = await testPlatform({ jobcentres: [147, 151, 101] });
    matching = await platform.start('matching');
    intake = await platform.start('order-intake');
    // Publishing only (as `rs-connector sync` does): no queue consumed, so no broadcast service needed.
    bus147 = connectBus({ url: jobcentreAmqpUrl(platform.world, 147), name: 'test-147', logger: silentLogger });
    connector147 = cvPublisher(bus147, 147);
  }, 60_000);
  afterAll(async () => {
    await bus147?.close();
    await platform.dispose();
  });

  const poolCount = async (code: number, token = jobcentreToken(code)) =>
    (await request(matching.url).get(`/jobcentres/${code}/pool`).set('authorization', `Bearer ${token}`).expect(200)).body
      .candidates as number;

  it('sync: 10,000 CVs from a JSON-lines file reach the pool, with progress; bad records are named and skipped', async () => {
    const lines: string[] = [];
    for (let i = 0; i < 10_000; i++) lines.push(JSON.stringify(cv(`s${i}`, { municipality: i % 2 === 0 ? 101 : 147 })));
    lines.splice(5000, 0, '{"candidateRef": "broken"', JSON.stringify({ ...cv('bad-occupation'), occupations: ['53'] }));
    const file = join(dir, 'cvs.jsonl');
    writeFileSync(file, `${lines.join('\n')}\n`);

    const result = await runCli(['sync', file], cliEnv());
    expect(result.stderr).toContain('line 5001: not JSON');
    expect(result.stderr).toContain('line 5002: occupations.0: a 4-digit DISCO-08 code');
    expect(result.stderr).toMatch(/sync: \d+ CVs sent, \d+ invalid \(\d+%\)/);
    expect(result.stdout).toMatch(/^10000 CVs sent to the pool in 20 batches .* 2 invalid records skipped/);
    expect(result.code).toBe(2);

    await waitFor(async () => (await poolCount(147)) === 10_000, { what: '10,000 CVs in the pool', timeoutMs: 120_000 });
    expect(await poolCount(151)).toBe(0);
  }, 180_000);

  it('sync from CSV (Danish Excel: semicolons, BOM, æøå) and from an HTTP endpoint', async () => {
    const csv =
      '\uFEFFcandidateRef;revision;headline;occupations;skills;languages;municipality;availableFrom;drivingLicence;summary;searchable\n' +
      'csv-1;2026-11-02T08:00:00Z;Tømrer;7115;tagarbejde|stillads;da|en;151;2026-12-01;ja;Svend med 10 års erfaring;ja\n' +
      'csv-2;2026-11-02T08:00:00Z;Murer;7112;;da;151;;nej;Murersvend;ja\n' +
      'csv-3;2026-11-02T08:00:00Z;Murer;7112;;da;København;;;Murersvend;ja\n';
    const file = join(dir, 'cvs.csv');
    writeFileSync(file, csv);
    const before = await poolCount(147);
    const fromFile = await runCli(['sync', file], cliEnv());
    expect(fromFile.stderr).toContain('line 4: municipality: Invalid input: expected number, received string');
    expect(fromFile.stdout).toMatch(/^2 CVs sent/);

    const http = await import('node:http');
    const server = http.createServer((_req, res) => {
      res.setHeader('content-type', 'application/x-ndjson');
      res.end(`${JSON.stringify(cv('http-1'))}\n${JSON.stringify(cv('http-2'))}\n`);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const port = (server.address() as { port: number }).port;
    const fromHttp = await runCli(['sync', `http://127.0.0.1:${port}/cvs`], cliEnv());
    server.close();
    expect(fromHttp.stdout).toMatch(/^2 CVs sent/);
    expect(fromHttp.code).toBe(0);
    await waitFor(async () => (await poolCount(147)) === before + 4, { what: 'CSV and HTTP CVs in the pool' });

    const read = await request(matching.url)
      .get('/jobcentres/147/candidates/csv-1')
      .query({ purpose: 'forberede samtale' })
      .set('authorization', `Bearer ${token147}`)
      .expect(200);
    expect(read.body).toMatchObject({ headline: 'Tømrer', skills: ['tagarbejde', 'stillads'], drivingLicence: true, jobcentre: 147 });
  });

  it('a bad flag or an unreadable source is named, and nothing is sent', async () => {
    const flag = await runCli(['sync', join(dir, 'cvs.csv'), '--batch', '9000'], cliEnv());
    expect(flag.code).toBe(1);
    expect(flag.stderr).toContain('--batch: Too big: expected number to be <=500');
    const missing = await runCli(['sync', join(dir, 'nope.jsonl')], cliEnv());
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('no such file');
  });

  it('keeps the newest revision whatever the order of delivery; duplicates change nothing', async () => {
    await connector147.upsertCvs([cv('ooo', { revision: '2026-11-10T00:00:00Z', headline: 'Nyeste' })]);
    await connector147.upsertCvs([cv('ooo', { revision: '2026-11-09T00:00:00Z', headline: 'Ældre' })]);
    await connector147.upsertCvs([cv('ooo', { revision: '2026-11-10T00:00:00Z', headline: 'Nyeste' })]);
    await connector147.upsertCvs([cv('ooo2', { headline: 'Sidst' })]);
    // Messages of one queue are handled in order by the single replica: once the last is in, the others were handled.
    const get = (ref: string) =>
      request(matching.url)
        .get(`/jobcentres/147/candidates/${ref}`)
        .query({ purpose: 'kontrol' })
        .set('authorization', `Bearer ${token147}`);
    await waitFor(async () => (await get('ooo2')).status === 200, { what: 'the last CV stored' });
    expect((await get('ooo').expect(200)).body.headline).toBe('Nyeste');
    await connector147.upsertCvs([cv('ooo', { revision: '2026-11-11T00:00:00Z', headline: 'Opdateret' })]);
    await waitFor(async () => (await get('ooo')).body.headline === 'Opdateret', { what: 'a newer revision applied' });
  });

  it('a jobcentre reads only its own candidates, with a purpose, and every read is recorded; withdrawal deletes', async () => {
    const other = jobcentreToken(151);
    await request(matching.url)
      .get('/jobcentres/147/candidates/ooo')
      .query({ purpose: 'nysgerrig' })
      .set('authorization', `Bearer ${other}`)
      .expect(404);
    await request(matching.url).get('/jobcentres/147/pool').set('authorization', `Bearer ${other}`).expect(404);
    await request(matching.url).get('/jobcentres/147/pool').expect(401);
    const noPurpose = await request(matching.url)
      .get('/jobcentres/147/candidates/ooo')
      .set('authorization', `Bearer ${token147}`)
      .expect(400);
    expect(noPurpose.body.detail).toContain('purpose');

    const mongoose = (await import('mongoose')).default;
    const conn = await mongoose.createConnection(platform.world.mongoUrl, { dbName: platform.world.dbName('matching') }).asPromise();
    try {
      const reads = await conn.collection('candidate_reads').find({ candidate: '147-csv-1' }).toArray();
      expect(reads).toEqual([expect.objectContaining({ by: 'consultant-147', role: 'jobcentre', purpose: 'forberede samtale' })]);
    } finally {
      await conn.close();
    }

    await connector147.withdrawCvs(['ooo', 'never-there']);
    await waitFor(
      async () =>
        (
          await request(matching.url)
            .get('/jobcentres/147/candidates/ooo')
            .query({ purpose: 'kontrol' })
            .set('authorization', `Bearer ${token147}`)
        ).status === 404,
      { what: 'the withdrawn CV gone' },
    );
  });

  it('ranks a new order into shortlists: each jobcentre its own best candidates with reasons', async () => {
    const shortlisted = await platform.bus.watch(EXCHANGES.events, ['order.shortlisted']);
    const bus151 = connectBus({ url: jobcentreAmqpUrl(platform.world, 151), name: 'test-151', logger: silentLogger });
    await cvPublisher(bus151, 151).upsertCvs([
      cv('m-near', { occupations: ['7112'], headline: 'Murer', municipality: 101, skills: ['facademuring'] }),
      cv('m-far', { occupations: ['7112'], headline: 'Murer', municipality: 851 }),
      cv('m-other', { occupations: ['9112'], headline: 'Rengøring' }),
    ]);
    await waitFor(async () => (await poolCount(151)) === 3, { what: "151's CVs in the pool" });
    await bus151.close();

    const orderId = await registerOrder(intake, jobcentreToken(101), {
      company: { name: 'Murerfirma A/S', municipality: 101 },
      title: 'Murer',
      occupation: '7112',
      positions: 2,
      description: 'Facademuring i København',
    });
    const ranked = await waitFor(() => shortlisted.data<OrderShortlisted>('order.shortlisted').find((s) => s.orderId === orderId), {
      what: 'order.shortlisted',
    });
    expect(ranked.shortlists.map((s) => s.jobcentre)).toEqual([147, 151]);
    // 151: its bricklayers, the one living in the job's municipality with the skill the order names first; not its cleaner.
    const own151 = ranked.shortlists.find((s) => s.jobcentre === 151)!.candidates;
    expect(own151.map((c) => c.candidateRef)).toEqual(['m-near', 'm-far']);
    expect(own151[0]!.reasons.map((r) => r.code)).toEqual(
      expect.arrayContaining(['occupation', 'skills', 'languages', 'nearby', 'available']),
    );
    expect(own151[0]!.reasons[0]!.code).toBe('occupation');
    // 147 (synced from CSV): its bricklayer, then its carpenter as a related occupation (DISCO 711x); none of 151's.
    const own147 = ranked.shortlists.find((s) => s.jobcentre === 147)!.candidates;
    expect(own147.map((c) => c.candidateRef)).toEqual(['csv-2', 'csv-1']);
    expect(own147[1]!.reasons[0]).toEqual({
      code: 'related-occupation',
      da: 'Beslægtet fag: samme faggruppe (7115)',
      en: 'Related occupation: same minor group (7115)',
    });
  });

  it('a full sync keeps exactly the CVs of the file (an older copy in it too) and drops the jobcentre’s others', async () => {
    const broken = join(dir, 'full-broken.jsonl');
    writeFileSync(broken, `${JSON.stringify(cv('full-new'))}\n{"candidateRef": 1}\n`);
    const refused = await runCli(['sync', broken, '--full'], cliEnv());
    expect(refused.code).toBe(2);
    expect(refused.stdout).toContain('not pruned (--full)');

    const file = join(dir, 'full.jsonl');
    // csv-1 is in the pool with a newer revision (from the CSV test): kept as it is, but counted as in the file.
    writeFileSync(file, `${JSON.stringify(cv('csv-1'))}\n${JSON.stringify(cv('full-new'))}\n${JSON.stringify(cv('full-new'))}\n`);
    const full = await runCli(['sync', file, '--full'], cliEnv());
    expect(full.code).toBe(0);
    expect(full.stdout).toContain('full sync: the pool keeps these 2 CVs of jobcentre 147 and drops the others');
    // Slow on a busy FerretDB: counting and deleting 10,000 documents takes it seconds each.
    await waitFor(async () => (await poolCount(147)) === 2, { what: "only the file's CVs left", timeoutMs: 150_000 });
    const kept = await request(matching.url)
      .get('/jobcentres/147/candidates/csv-1')
      .query({ purpose: 'kontrol' })
      .set('authorization', `Bearer ${token147}`)
      .expect(200);
    expect(kept.body.headline).toBe('Tømrer');
    expect(await poolCount(151)).toBe(3);
  }, 200_000);
});
