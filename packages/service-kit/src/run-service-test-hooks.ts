/**
 * Test hooks a service turns on by configuration (never by code paths of their own): a clock that
 * starts at a given instant, and a kill in the middle of a fan-out.
 */

/** The real clock, or (tests, `TEST_CLOCK_START`) one that starts at a given instant and runs at normal speed. */
export function clockFrom(start: string | undefined): () => Date {
  if (!start) return () => new Date();
  const offset = Date.parse(start) - Date.now();
  return () => new Date(Date.now() + offset);
}

/**
 * Test-only fault injection: publish only the first N messages, and die hard (SIGKILL) once they
 * are confirmed, before the outbox entries are removed: a crash in the middle of a fan-out.
 */
export function withFailpoint<B extends { publish: (...a: never[]) => Promise<void> }>(bus: B, killAfter: number | undefined): B {
  if (!killAfter) return bus;
  let calls = 0;
  let confirmed = 0;
  return {
    ...bus,
    publish: async (...args: Parameters<B['publish']>) => {
      if (++calls > killAfter) return new Promise<void>(() => {});
      await bus.publish(...args);
      if (++confirmed >= killAfter) process.kill(process.pid, 'SIGKILL');
    },
  };
}
