import { createServer, request } from 'node:http';
import { connect } from 'node:net';
import express from 'express';
import { trackConnections } from './connections';
import { closeServer, listen } from './lifecycle';

/** A server whose one route answers after `delayMs`, on a free port. */
async function server(delayMs: number) {
  const srv = createServer((_req, res) => {
    setTimeout(() => res.end('done'), delayMs);
  });
  const shutdown = trackConnections(srv);
  await new Promise<void>((resolve) => srv.listen(0, '127.0.0.1', resolve));
  const address = srv.address();
  return { srv, shutdown, port: typeof address === 'object' && address ? address.port : 0 };
}

describe("an HTTP server's shutdown (the services' shell and the web front)", () => {
  it("does not wait for a connection that never sent a request (a browser's preconnect)", async () => {
    const { shutdown, port } = await server(0);
    const idle = connect(port, '127.0.0.1');
    await new Promise((resolve) => idle.once('connect', resolve));
    const gone = new Promise((resolve) => idle.once('close', resolve));
    const started = Date.now();
    // A grace far beyond the test's own timeout: only closing that connection lets this resolve in time.
    await shutdown.close(60_000);
    await gone;
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('finishes a response under way, then closes its connection', async () => {
    const { srv, shutdown, port } = await server(300);
    const arrived = new Promise((resolve) => srv.once('request', resolve));
    const body = new Promise<{ text: string; connection: string | undefined }>((resolve, reject) => {
      request({ port, host: '127.0.0.1', path: '/', agent: false }, (res) => {
        let text = '';
        res.on('data', (d: Buffer) => (text += d.toString()));
        res.on('end', () => resolve({ text, connection: res.headers.connection }));
      })
        .on('error', reject)
        .end();
    });
    // The request has reached the server before the shutdown starts.
    await arrived;
    await Promise.all([shutdown.close(60_000), body]);
    expect((await body).text).toBe('done');
  });
});

describe("the services' shell", () => {
  it('closes a listening app without waiting for a connection that never sent a request', async () => {
    const srv = await listen(express(), 0);
    const address = srv.address();
    const idle = connect(typeof address === 'object' && address ? address.port : 0, '127.0.0.1');
    await new Promise((resolve) => idle.once('connect', resolve));
    const started = Date.now();
    await closeServer(srv, 60_000);
    expect(Date.now() - started).toBeLessThan(2_000);
  });
});
