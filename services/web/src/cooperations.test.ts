import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cooperationSeeds } from '@rs/reference-data';
import { CACHE_MS, cooperationOfJobcentre, cooperationsFor, membersOf } from './cooperations';

/** A stand-in for reporting's GET /cooperations on loopback: answers what `answer` holds, counting calls. */
describe('the cooperations the pages read from reporting', () => {
  let server: Server;
  let base: string;
  let calls = 0;
  let answer: { status: number; body: unknown } = { status: 200, body: [] };
  beforeAll(async () => {
    server = createServer((req, res) => {
      calls++;
      res.writeHead(answer.status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(answer.body));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('reads the list, keeps it briefly, then reads again; while reporting fails the last list stays', async () => {
    const [hrs] = cooperationSeeds();
    const withHillerød = [
      { ...hrs!, version: 2, members: [...hrs!.members, { jobcentre: 219, municipalities: [219], from: '2026-01-01', until: null }] },
    ];
    answer = { status: 200, body: withHillerød };
    let t = 1_000;
    expect(await cooperationsFor(base, 'token', () => t)).toEqual(withHillerød);
    expect(await cooperationsFor(base, 'token', () => t + CACHE_MS - 1)).toEqual(withHillerød);
    expect(calls).toBe(1);
    answer = { status: 503, body: {} };
    t += CACHE_MS;
    expect(await cooperationsFor(base, 'token', () => t)).toEqual(withHillerød);
    expect(calls).toBe(2);
    const list = await cooperationsFor(base, 'token', () => t);
    expect(membersOf(list, 'HRS', new Date('2026-12-01T12:00:00Z'))).toContain(219);
    expect(cooperationOfJobcentre(list, 219, new Date('2026-12-01T12:00:00Z'))?.id).toBe('HRS');
    expect(membersOf(list, 'NRS')).toEqual([]);
  });

  it('uses the seed until reporting has answered once', async () => {
    answer = { status: 503, body: {} };
    expect((await cooperationsFor('http://127.0.0.1:1', 'token')).map((c) => c.id)).toEqual(['HRS', 'JRS']);
    expect((await cooperationsFor(base.replace('127.0.0.1', 'localhost'), undefined)).map((c) => c.id)).toEqual(['HRS', 'JRS']);
  });
});
