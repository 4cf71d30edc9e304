import { type Job, Queue, Worker } from 'bullmq';
import type { Redis } from 'ioredis';

export interface TimerQueueOptions {
  name: string;
  /** Key prefix in Redis; isolates installations and tests. */
  prefix: string;
  connection: Redis;
}

export type TimerData = Record<string, string | number>;

export function createTimerQueue(options: TimerQueueOptions): Queue<TimerData> {
  return new Queue<TimerData>(options.name, { connection: options.connection, prefix: options.prefix });
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
 * skips an existing id exactly as add does): a national round's 95 deadline jobs cost one socket
 * write instead of 95.
 */
export async function scheduleAll(queue: Queue<TimerData>, timers: Timer[], now: Date): Promise<void> {
  if (timers.length === 0) return;
  await queue.addBulk(timers.map((t) => ({ name: queue.name, data: t.data, opts: jobOptions(t.jobId, t.runAt, now) })));
}

function jobOptions(jobId: string, runAt: Date, now: Date) {
  return {
    jobId,
    delay: Math.max(0, runAt.getTime() - now.getTime()),
    attempts: 10,
    backoff: { type: 'exponential' as const, delay: 1000 },
    removeOnComplete: true,
    removeOnFail: { age: 7 * 24 * 3600 },
  };
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
  worker.on('failed', (job, err) => options.logger.warn({ jobId: job?.id, err: err.message }, 'timer job failed'));
  worker.on('error', (err) => options.logger.warn({ err: err.message }, 'timer worker error'));
  return worker;
}
