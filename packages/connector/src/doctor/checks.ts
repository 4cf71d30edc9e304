import { jobcentreQueue, jobcentreUsername } from '@rs/contracts';
import amqplib from 'amqplib';
import { DIAGNOSES, type Problem, type Said } from './diagnoses';

export type CheckName = 'config' | 'connection' | 'login' | 'vhost' | 'queue' | 'read' | 'clock' | 'feed';

/** One line of the diagnosis: what was checked and how it went, in both languages. */
export interface Finding {
  check: CheckName;
  status: 'ok' | 'problem' | 'skipped';
  problem?: Problem;
  said: Said;
  /** The technical reason (an error text, a status code) for whoever digs further; never a secret. */
  detail?: string;
}

export interface DoctorInput {
  /** The connector's broker URL, with the jobcentre's credentials in it. */
  amqpUrl: string;
  jobcentre: number;
  /** The broadcast service's base URL and the jobcentre's feed token (an opaque bearer token). */
  feed?: { baseUrl: string; token?: string | undefined };
  /** A difference from the platform's clock above this is a problem. */
  maxClockSkewMs: number;
  /** How long each network step may take. */
  timeoutMs: number;
}

export interface DoctorDeps {
  now: () => number;
}

const problem = (check: CheckName, code: Problem, detail?: string): Finding => ({
  check,
  status: 'problem',
  problem: code,
  said: DIAGNOSES[code].what,
  ...(detail === undefined ? {} : { detail }),
});
const ok = (check: CheckName, en: string, da: string): Finding => ({ check, status: 'ok', said: { en, da } });
const skipped = (check: CheckName, en = 'not tried', da = 'ikke prøvet'): Finding => ({ check, status: 'skipped', said: { en, da } });

const messageOf = (error: unknown) => (error instanceof Error ? error.message.split('\n')[0]! : String(error));
const codeOf = (error: unknown) => (error as { code?: unknown })?.code;

const TLS_CODE = /^(ERR_SSL|ERR_TLS|CERT_|UNABLE_TO_|DEPTH_ZERO|SELF_SIGNED|HOSTNAME_MISMATCH)/;

/**
 * Which step a failed AMQP connect stopped at. amqplib's errors carry the broker's reply codes
 * in their text: 403 at the handshake is the login; a ConnectionClose instead of open-ok comes
 * after a good login, from a vhost that is missing or not the user's.
 */
export function classifyConnectError(error: unknown): { check: CheckName; problem: Problem } {
  const message = messageOf(error);
  const code = String(codeOf(error) ?? '');
  if (/ACCESS[-_]REFUSED|\b403\b/.test(message)) return { check: 'login', problem: 'credentials-refused' };
  if (/ConnectionClose|NOT[-_]ALLOWED|\b530\b/.test(message)) return { check: 'vhost', problem: 'vhost-refused' };
  if (TLS_CODE.test(code) || /certificate|ssl|tls/i.test(message)) return { check: 'connection', problem: 'tls-refused' };
  // A TLS port hangs up on a plain AMQP greeting, and a plain port on a TLS one.
  if (code === 'ECONNRESET' || /closed abruptly|socket hang up/i.test(message)) return { check: 'connection', problem: 'tls-refused' };
  return { check: 'connection', problem: 'broker-unreachable' };
}

async function within<T>(ms: number, what: string, promise: Promise<T>, onLate?: (value: T) => void): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(Object.assign(new Error(`${what}: no answer within ${ms} ms`), { code: 'ETIMEDOUT' })), ms);
  });
  try {
    return await Promise.race([promise, late]);
  } catch (error) {
    // What answers after we gave up (a connection) is closed, not leaked.
    if (onLate) promise.then(onLate, () => {});
    throw error;
  } finally {
    clearTimeout(timer);
  }
}

async function brokerChecks(input: DoctorInput, found: Finding[]): Promise<void> {
  const url = new URL(input.amqpUrl);
  const tls = url.protocol === 'amqps:';
  const host = `${url.hostname}:${url.port || (tls ? 5671 : 5672)}`;
  const user = decodeURIComponent(url.username);
  const vhost = decodeURIComponent(url.pathname.slice(1)) || '/';
  const queue = jobcentreQueue(input.jobcentre);
  const order: CheckName[] = ['connection', 'login', 'vhost', 'queue', 'read'];
  const skipFrom = (check: CheckName) => {
    for (const later of order.slice(order.indexOf(check) + 1)) found.push(skipped(later));
  };

  let connection: amqplib.ChannelModel;
  try {
    connection = await within(
      input.timeoutMs,
      `connecting to ${host}`,
      amqplib.connect(input.amqpUrl, {
        timeout: input.timeoutMs,
        clientProperties: { connection_name: `rs-connector doctor ${input.jobcentre}` },
      }),
      (late) => void late.close().catch(() => {}),
    );
  } catch (error) {
    const { check, problem: code } = classifyConnectError(error);
    for (const earlier of order.slice(0, order.indexOf(check))) {
      if (earlier === 'connection')
        found.push(ok('connection', `reached ${host}${tls ? ' with TLS' : ''}`, `forbindelse til ${host}${tls ? ' med TLS' : ''}`));
      if (earlier === 'login') found.push(ok('login', `logged in as ${user}`, `logget ind som ${user}`));
    }
    found.push(problem(check, code, messageOf(error)));
    skipFrom(check);
    return;
  }
  connection.on('error', () => {});
  try {
    const version = String(connection.connection.serverProperties.version ?? '?');
    found.push(
      ok(
        'connection',
        `reached ${host}${tls ? ' with TLS' : ''} (RabbitMQ ${version})`,
        `forbindelse til ${host}${tls ? ' med TLS' : ''} (RabbitMQ ${version})`,
      ),
    );
    found.push(ok('login', `logged in as ${user}`, `logget ind som ${user}`));
    found.push(ok('vhost', `virtual host ${vhost}`, `virtuel host ${vhost}`));
    found.push(...(await queueCheck(connection, queue, input.timeoutMs)));
  } finally {
    await connection.close().catch(() => {});
  }
}

/**
 * A passive declare says whether the queue exists (and holds no permission check); a consume
 * says whether the login may read it. The consume is only tried on an empty queue: taking a
 * waiting message back would count as a delivery attempt against the queue's redelivery limit.
 * So with messages waiting the read permission is reported as not checked, never as fine.
 */
async function queueCheck(connection: amqplib.ChannelModel, queue: string, timeoutMs: number): Promise<Finding[]> {
  const refused = (error: unknown): Finding | undefined => {
    const message = messageOf(error);
    if (/\b404\b|NOT[-_]FOUND/.test(message)) return problem('queue', 'queue-missing', message);
    if (/\b403\b|ACCESS[-_]REFUSED/.test(message)) return problem('queue', 'queue-not-theirs', message);
    return undefined;
  };
  let counts: { messageCount: number; consumerCount: number };
  try {
    const channel = await connection.createChannel();
    channel.on('error', () => {});
    counts = await within(timeoutMs, `checking ${queue}`, channel.checkQueue(queue));
    await channel.close().catch(() => {});
  } catch (error) {
    const found = refused(error);
    if (found) return [found, skipped('read')];
    throw error;
  }
  const queueOk = ok(
    'queue',
    `queue ${queue}: ${counts.messageCount} messages waiting, ${counts.consumerCount} connectors consuming`,
    `kø ${queue}: ${counts.messageCount} beskeder venter, ${counts.consumerCount} connectorer læser`,
  );
  if (counts.messageCount > 0) {
    return [
      queueOk,
      skipped(
        'read',
        `read permission not checked (${counts.messageCount} waiting)`,
        `læseadgang ikke tjekket (${counts.messageCount} venter)`,
      ),
    ];
  }
  try {
    const channel = await connection.createChannel();
    channel.on('error', () => {});
    await channel.prefetch(1);
    const { consumerTag } = await within(
      timeoutMs,
      `reading ${queue}`,
      channel.consume(queue, (m) => m && channel.nack(m, false, true), { noAck: false }),
    );
    await channel.cancel(consumerTag);
    await channel.close().catch(() => {});
  } catch (error) {
    const found = refused(error);
    if (found) return [found, skipped('read')];
    throw error;
  }
  return [queueOk, ok('read', `may read queue ${queue}`, `må læse kø ${queue}`)];
}

/**
 * One read of the jobcentre's feed tells both whether its token is accepted and, from the
 * answer's Date header, how far this server's clock is from the platform's.
 */
async function feedChecks(input: DoctorInput, deps: DoctorDeps, found: Finding[]): Promise<void> {
  if (!input.feed) {
    found.push(
      skipped('clock', 'not checked: FEED_URL is not set', 'ikke tjekket: FEED_URL er ikke sat'),
      skipped('feed', 'not checked: FEED_URL is not set', 'ikke tjekket: FEED_URL er ikke sat'),
    );
    return;
  }
  const since = new Date(deps.now()).toISOString();
  const url = `${input.feed.baseUrl.replace(/\/+$/, '')}/jobcentres/${input.jobcentre}/feed?since=${encodeURIComponent(since)}&limit=1`;
  const sent = deps.now();
  let res: Response;
  try {
    res = await fetch(url, {
      headers: input.feed.token ? { authorization: `Bearer ${input.feed.token}` } : {},
      signal: AbortSignal.timeout(input.timeoutMs),
    });
    await res.body?.cancel();
  } catch (error) {
    const cause = (error as { cause?: unknown }).cause;
    found.push(skipped('clock'), problem('feed', 'platform-unreachable', messageOf(cause ?? error)));
    return;
  }
  const received = deps.now();
  const platformTime = Date.parse(res.headers.get('date') ?? '');
  if (Number.isNaN(platformTime))
    found.push(skipped('clock', 'not checked: no Date in the answer', 'ikke tjekket: svaret havde ingen Date'));
  else {
    // The Date header has whole seconds; half the round trip is how old it was on arrival.
    const skewMs = (sent + received) / 2 - platformTime;
    const seconds = Math.round(Math.abs(skewMs) / 1000);
    if (Math.abs(skewMs) > input.maxClockSkewMs + 1000 + (received - sent) / 2) {
      const ahead = skewMs > 0;
      found.push(problem('clock', 'clock-skew', `this server's clock is ${seconds} s ${ahead ? 'ahead of' : 'behind'} the platform's`));
    } else
      found.push(
        ok('clock', `clock within ${Math.max(seconds, 1)} s of the platform's`, `uret er højst ${Math.max(seconds, 1)} s fra platformens`),
      );
  }
  if (!input.feed.token) found.push(problem('feed', 'feed-token-invalid', 'FEED_TOKEN or FEED_TOKEN_FILE is not set'));
  else if (res.ok)
    found.push(
      ok('feed', `feed token accepted for jobcentre ${input.jobcentre}`, `feed-tokenet er godkendt til jobcenter ${input.jobcentre}`),
    );
  else if (res.status === 401 || res.status === 403)
    found.push(problem('feed', 'feed-token-invalid', `${res.status}: expired, not issued by the platform, or not a jobcentre's`));
  else if (res.status === 404)
    found.push(
      problem(
        'feed',
        'feed-token-invalid',
        `404: the token is for another jobcentre than ${input.jobcentre}, or FEED_URL is not the broadcast service`,
      ),
    );
  else found.push(problem('feed', 'platform-unreachable', `answered ${res.status}`));
}

/**
 * The first-run check: every step from reaching the broker to reading the feed, each with a
 * finding. A step that depends on a failed one is reported as not tried, not as a second problem.
 */
export async function runDoctor(input: DoctorInput, deps: DoctorDeps = { now: Date.now }): Promise<Finding[]> {
  const found: Finding[] = [];
  const user = decodeURIComponent(new URL(input.amqpUrl).username);
  if (user && user !== jobcentreUsername(input.jobcentre)) {
    found.push(problem('config', 'queue-not-theirs', `AMQP_URL logs in as ${user}, JOBCENTRES is ${input.jobcentre}`));
  }
  await brokerChecks(input, found);
  await feedChecks(input, deps, found);
  return found;
}
