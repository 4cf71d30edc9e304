import type { Logger } from 'pino';

/** Work a service repeats while it runs (pruning, reconciling): once at start, then every `everyMs`. */
export interface PeriodicJob {
  /** Named in the logs. */
  name: string;
  everyMs: number;
  /** A failure is logged and the job runs again at its next turn; it never stops the service. */
  run: () => Promise<unknown>;
}

/**
 * Starts the jobs: each runs at once and then on its interval, never two runs of one job at a
 * time (a slow run makes the next turn wait, not pile up). `stop` clears the intervals and waits
 * for runs in progress.
 */
export function startPeriodic(jobs: readonly PeriodicJob[], logger: Logger): { stop(): Promise<void> } {
  const running = new Map<PeriodicJob, Promise<void>>();
  let stopped = false;
  const turn = (job: PeriodicJob) => {
    if (stopped || running.has(job)) return;
    const run = job
      .run()
      .then(
        () => {},
        (error: Error) => logger.warn({ job: job.name, err: error?.message ?? String(error) }, 'periodic job failed; will run again'),
      )
      .finally(() => running.delete(job));
    running.set(job, run);
  };
  const intervals = jobs.map((job) => {
    turn(job);
    return setInterval(() => turn(job), job.everyMs).unref();
  });
  return {
    async stop() {
      stopped = true;
      for (const interval of intervals) clearInterval(interval);
      await Promise.all(running.values());
    },
  };
}
