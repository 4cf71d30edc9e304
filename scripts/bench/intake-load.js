// The load generator of intake.throughput / intake.latency.p99, run as a second process so its
// CPU is not the server's: POST /orders with `concurrency` requests in flight for `seconds`
// (after `warmup` seconds not counted), keep-alive connections, loopback only. Prints one JSON
// line with the counts and latencies on stdout. Bounded: stops by itself at warmup + seconds.
const http = require('node:http');

// mode `orders` (POST /orders, 201) or `healthz` (GET /healthz, 200: the same HTTP stack
// without auth or database, the baseline).
const [url, token, concurrencyArg, secondsArg, warmupArg, mode = 'orders'] = process.argv.slice(2);
const concurrency = Number(concurrencyArg);
const seconds = Number(secondsArg);
const warmup = Number(warmupArg ?? 1);
const target = new URL(mode === 'healthz' ? '/healthz' : '/orders', url);
const expectStatus = mode === 'healthz' ? 200 : 201;
if (target.hostname !== '127.0.0.1' && target.hostname !== 'localhost') throw new Error('loopback only');

const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
const body = JSON.stringify({
  company: { name: 'Plejecenter Sundby', municipality: 101 },
  title: 'Social- og sundhedsassistent',
  occupation: '5321',
  positions: 3,
  description: 'Dagvagter, start snarest',
});

function post() {
  return new Promise((resolve) => {
    const start = performance.now();
    const req = http.request(
      target,
      {
        method: mode === 'healthz' ? 'GET' : 'POST',
        agent,
        headers:
          mode === 'healthz'
            ? {}
            : { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
        timeout: 30_000,
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode, ms: performance.now() - start }));
      },
    );
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', () => resolve({ status: 0, ms: performance.now() - start }));
    req.end(mode === 'healthz' ? undefined : body);
  });
}

(async () => {
  const t0 = performance.now();
  const measureFrom = t0 + warmup * 1000;
  const stopAt = measureFrom + seconds * 1000;
  const latencies = [];
  const statuses = {};
  let measuredEnd = measureFrom;
  async function worker() {
    while (performance.now() < stopAt) {
      const began = performance.now();
      const { status, ms } = await post();
      if (began >= measureFrom) {
        statuses[status] = (statuses[status] ?? 0) + 1;
        if (status === expectStatus) latencies.push(ms);
        measuredEnd = Math.max(measuredEnd, performance.now());
      }
    }
  }
  await Promise.all(Array.from({ length: concurrency }, worker));
  agent.destroy();
  process.stdout.write(`${JSON.stringify({ latencies, statuses, seconds: (measuredEnd - measureFrom) / 1000 })}\n`);
})();
