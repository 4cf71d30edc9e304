import { type Job, Queue, Worker } from 'bullmq';
import type { Redis } from 'ioredis';

export interface TimerQueueOptions {
  name: string;
  /** Key prefix in Redis; isolates installations and tests. */
  prefix: string;
  connection: Redis;
}

/** How often a timer job whose handler fails is run again before it stays "failed". */
export interface TimerRetry {
  /** Runs in all, the first included. Default 10. */
  attempts?: number;
  /** First delay between runs, doubled each time (10 runs from 1 s span about 17 minutes). Default 1000. */
  backoffMs?: number;
}

export type TimerData = Record<string, string | number>;

/**
 * The retry policy is the queue's, not each job's: the relay and the reconcile add jobs through
 * the same queue, so every job of a queue is retried alike (BullMQ merges these defaults into
 * every add and addBulk).
 */
export function createTimerQueue(options: TimerQueueOptions & { retry?: TimerRetry }): Queue<TimerData> {
  return new Queue<TimerData>(options.name, {
    connection: options.connection,
    prefix: options.prefix,
    defaultJobOptions: {
      attempts: options.retry?.attempts ?? 10,
      backoff: { type: 'exponential', delay: options.retry?.backoffMs ?? 1000 },
      removeOnComplete: true,
      // Kept a week for a person to look at (Bull Board); ensureScheduled replaces one that is still needed.
      removeOnFail: { age: 7 * 24 * 3600 },
    },
  });
}

export interface Timer {
  jobId: string;
  runAt: Date;
  data: TimerData;
}

/**
 * Adds a delayed job with a deterministic id; an id that exists already is left as it is, which
 * makes scheduling idempotent. Job data holds ids only, never personal data (Redis stores it in
 * clear text).
 */
export async function scheduleAt(queue: Queue<TimerData>, jobId: string, runAt: Date, data: TimerData, now: Date): Promise<void> {
  await queue.add(queue.name, data, jobOptions(jobId, runAt, now));
}

/**
 * scheduleAt for many timers in one round trip (addBulk pipelines BullMQ's add script, which
 * skips an existing id exactly as add does).
 */
export async function scheduleAll(queue: Queue<TimerData>, timers: Timer[], now: Date): Promise<void> {
  if (timers.length === 0) return;
  await queue.addBulk(timers.map((t) => ({ name: queue.name, data: t.data, opts: jobOptions(t.jobId, t.runAt, now) })));
}

export interface EnsureResult {
  /** Timers that were missing and are now delayed (or waiting, when their time has passed). */
  added: number;
  /** Of those, timers whose id was held by a job that had failed for good or completed. */
  replaced: number;
  /** Timers already pending or running, left alone. */
  kept: number;
}

/**
 * Makes every timer pending, whatever Redis holds under its id. A job that exhausted its attempts
 * (the database was down past them) stays "failed" under its id, and a completed one may linger
 * (a queue that keeps completed jobs): `add` with that id is then a no-op and the timer would
 * never fire. Such jobs are removed first; delayed, waiting and active ones are kept. One state
 * look-up per id, sent together (ioredis pipelines concurrent commands on one connection), then
 * one addBulk: a few round trips for any number of timers. The caller decides which timers are
 * still wanted (a timer for something finished must not be passed).
 */
export async function ensureScheduled(queue: Queue<TimerData>, timers: Timer[], now: Date): Promise<EnsureResult> {
  if (timers.length === 0) return { added: 0, replaced: 0, kept: 0 };
  const states = await Promise.all(timers.map((t) => queue.getJobState(t.jobId)));
  const finished = timers.filter((_, i) => states[i] === 'failed' || states[i] === 'completed');
  // remove() refuses (returns 0) a job locked by a worker: none is, in these two states.
  await Promise.all(finished.map((t) => queue.remove(t.jobId)));
  const missing = timers.filter((_, i) => states[i] === 'unknown' || states[i] === 'failed' || states[i] === 'completed');
  await scheduleAll(queue, missing, now);
  return { added: missing.length, replaced: finished.length, kept: timers.length - missing.length };
}

function jobOptions(jobId: string, runAt: Date, now: Date) {
  return { jobId, delay: Math.max(0, runAt.getTime() - now.getTime()) };
}

/** Removes a pending timer if it has not started; handlers must never rely on this having happened. */
export async function cancelTimer(queue: Queue<TimerData>, jobId: string): Promise<void> {
  const job = await queue.getJob(jobId);
  if (job && (await job.isDelayed())) await job.remove().catch(() => {});
}

export interface TimerWorkerOptions extends TimerQueueOptions {
  /** Decides from the database, never from the job alone (a job can run twice). */
  handle: (data: TimerData, job: Job<TimerData>) => Promise<void>;
  concurrency?: number;
  logger: { warn(o: object, m?: string): void };
}

export function createTimerWorker(options: TimerWorkerOptions): Worker<TimerData> {
  const worker = new Worker<TimerData>(options.name, (job) => options.handle(job.data, job), {
    connection: options.connection,
    prefix: options.prefix,
    concurrency: options.concurrency ?? 10,
  });
  worker.on('failed', (job, err) =>
    options.logger.warn(
      { jobId: job?.id, attempt: job?.attemptsMade, of: job?.opts.attempts, err: err.message },
      job && job.attemptsMade >= (job.opts.attempts ?? 1)
        ? 'timer job failed for good (attempts exhausted)'
        : 'timer job failed; will retry',
    ),
  );
  worker.on('error', (err) => options.logger.warn({ err: err.message }, 'timer worker error'));
  return worker;
}
