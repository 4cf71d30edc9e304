export interface WaitOptions {
  /** Give up after this many ms. Default 15000. */
  timeoutMs?: number;
  /** Poll interval in ms. Default 50. */
  intervalMs?: number;
  /** What we were waiting for, for the failure message. */
  what?: string;
}

/**
 * Polls until `check` returns a value other than undefined/false, and returns it. Tests await a
 * condition with a bound instead of sleeping a fixed time.
 */
export async function waitFor<T>(check: () => T | Promise<T>, options: WaitOptions = {}): Promise<Exclude<T, false | undefined>> {
  const deadline = Date.now() + (options.timeoutMs ?? 15_000);
  let lastError: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined && value !== false) return value as Exclude<T, false | undefined>;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      const detail = lastError instanceof Error ? ` (last error: ${lastError.message})` : '';
      throw new Error(`timed out waiting for ${options.what ?? 'condition'}${detail}`);
    }
    await new Promise((r) => setTimeout(r, options.intervalMs ?? 50));
  }
}
