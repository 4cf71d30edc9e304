import { type Bus, connectBus, silentLogger } from '@rs/bus';
import { type Connector, createConnector, cvPublisher } from '@rs/connector';
import type { SharedCv } from '@rs/contracts';
import { unpack } from '@rs/db';
import {
  jobcentreAmqpUrl,
  poolFilled,
  type StoreScan,
  storeScan,
  jobcentreToken,
  type RunningService,
  registerOrder,
  type TestPlatform,
  testPlatform,
  waitFor,
} from '@rs/testkit';
import request from 'supertest';

/**
 * Issue 17, erasure that reaches every copy: a candidate of 147 is shortlisted for 101's order
 * (matching → broadcast's stored shortlists, the round's messages in the catch-up feed) and
 * proposed in 147's reply (the round's reply copy, the lead's notice in the feed). Withdrawn by
 * 147, it leaves matching's pool and index and every one of those copies; nothing in any
 * service's database names it any more except the read log, which records who saw it and is
 * kept for its retention (the candidate's right to know). Another candidate stays untouched.
 */
const GONE = 'erase-me-0042';
const KEPT = 'keep-me-0043';

function cv(ref: string): SharedCv {
  return {
    candidateRef: ref,
    revision: new Date().toISOString(),
    headline: 'Lagerarbejder',
    occupations: [{ code: '9321', years: 3 }],
    skills: ['truckcertifikat'],
    certificates: ['forklift'],
    languages: ['da'],
    municipality: 147,
    summary: 'Lagerarbejder med truckcertifikat',
    visibility: { searchable: true },
  };
}

describe('a withdrawn candidate is erased from every copy', () => {
  let platform: TestPlatform;
  let matching: RunningService;
  let broadcast: RunningService;
  let intake: RunningService;
  let bus147: Bus;
  let connector147: Connector;
  let stores: StoreScan;
  const holders = (ref: string) => stores.holders(ref);

  beforeAll(async () => {
    platform = await testPlatform({ jobcentres: [101, 147, 151] });
    broadcast = await platform.start('broadcast', { REPLY_WINDOW_MODE: 'clock', REMINDER_OFFSETS_SECONDS: 'none' });
    matching = await platform.start('matching');
    intake = await platform.start('order-intake');
    bus147 = connectBus({ url: jobcentreAmqpUrl(platform.world, 147), name: 'cv-147', logger: silentLogger });
    connector147 = createConnector({ url: jobcentreAmqpUrl(platform.world, 147), jobcentre: 147, logger: silentLogger }, {});
    // Packed values (the change log's payloads) are read too: a copy could hide there.
    stores = await storeScan(platform.world, ['matching', 'broadcast', 'order-intake'], { unpack });
  }, 90_000);
  afterAll(async () => {
    await stores?.close();
    await connector147?.stop();
    await bus147?.close();
    await platform.dispose();
  });

  it('reaches the pool, the stored shortlists, the round and the catch-up feed, and nothing else', async () => {
    await cvPublisher(bus147, 147).upsertCvs([cv(GONE), cv(KEPT)]);
    await poolFilled(matching, 147, 2);
    const orderId = await registerOrder(intake, jobcentreToken(101), {
      company: { name: 'Lager A/S', municipality: 101 },
      title: 'Lagerarbejder med truckcertifikat',
      occupation: '9321',
      broadcast: { scope: 'cooperation' },
    });
    const roundId = `${orderId}-1`;
    // The shortlist reached broadcast (stored, and sent to 147 in the opening or after it).
    await waitFor(async () => (await holders(GONE)).includes('broadcast.shortlists'), { what: 'the shortlist stored by broadcast' });
    await connector147.reply({
      roundId,
      orderId,
      answer: 'candidates',
      candidates: [
        { candidateRef: GONE, summary: 'Lagerarbejder, 3 års erfaring' },
        { candidateRef: KEPT, summary: 'Lagerarbejder' },
      ],
    });
    const before = await waitFor(
      async () => {
        const where = await holders(GONE);
        return where.includes('broadcast.rounds') && where.includes('broadcast.jobcentre_messages') && where;
      },
      { what: 'the reply recorded in the round and the lead notified', timeoutMs: 30_000 },
    );
    expect(before).toEqual(
      expect.arrayContaining(['matching.candidate_pool', 'broadcast.shortlists', 'broadcast.rounds', 'broadcast.jobcentre_messages']),
    );
    const lead101 = async () =>
      JSON.stringify(
        (
          await request(broadcast.url)
            .get('/jobcentres/101/feed')
            .query({ since: '2026-01-01T00:00:00Z' })
            .set('authorization', `Bearer ${jobcentreToken(101)}`)
            .expect(200)
        ).body,
      );
    expect(await lead101()).toContain(GONE);

    await cvPublisher(bus147, 147).withdrawCvs([GONE]);

    // Kept by purpose, holding the pseudonymous ref and no CV data: who read the candidate (the read
    // log and each ranking's record of its picks), and matching's change log, where the withdrawal
    // itself tells the other replicas to drop it (pruned after ten minutes).
    const byPurpose = ['matching.candidate_reads', 'matching.pool_changes', 'matching.rankings'];
    let where: string[] = [];
    const after = await waitFor(
      async () => {
        where = await holders(GONE);
        return where.every((h) => byPurpose.includes(h)) && where;
      },
      { what: 'every copy of the withdrawn candidate gone', timeoutMs: 60_000 },
    ).catch((error: Error) => {
      throw new Error(`${error.message}; still in ${where.join(', ')}`);
    });
    expect(after).toEqual(expect.arrayContaining(['matching.candidate_reads']));
    expect(await lead101()).not.toContain(GONE);
    const feed147 = await request(broadcast.url)
      .get('/jobcentres/147/feed')
      .query({ since: '2026-01-01T00:00:00Z' })
      .set('authorization', `Bearer ${jobcentreToken(147)}`)
      .expect(200);
    expect(JSON.stringify(feed147.body)).not.toContain(GONE);
    const round = await request(broadcast.url)
      .get(`/rounds/${roundId}`)
      .set('authorization', `Bearer ${jobcentreToken(101)}`)
      .expect(200);
    expect(JSON.stringify(round.body)).not.toContain(GONE);

    // The other candidate is untouched everywhere it was.
    expect(await holders(KEPT)).toEqual(
      expect.arrayContaining(['matching.candidate_pool', 'broadcast.rounds', 'broadcast.jobcentre_messages', 'broadcast.shortlists']),
    );
    expect(await lead101()).toContain(KEPT);
    // A search no longer finds it (pool and index).
    const search = await request(matching.url)
      .post('/candidate-searches')
      .set('authorization', `Bearer ${jobcentreToken(101)}`)
      .send({ occupation: '9321', scope: 'cooperation', purpose: 'kontrol efter sletning' })
      .expect(200);
    expect(search.body.results.map((r: { candidateRef: string }) => r.candidateRef)).toEqual([KEPT]);
  }, 150_000);
});
