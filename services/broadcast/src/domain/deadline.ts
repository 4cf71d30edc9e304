/**
 * When a round's replies are due. The working-time calendar (R6: weekends and holidays pause
 * the 48 hours) is applied by the caller-supplied function; the window is configuration so
 * tests can use seconds.
 */
export interface ReplyWindow {
  /** Length of the window in seconds. */
  seconds: number;
  mode: 'clock' | 'working-time';
}

export function replyDeadline(openedAt: Date, window: ReplyWindow, addWorkingSeconds: (start: Date, seconds: number) => Date): Date {
  return window.mode === 'clock' ? new Date(openedAt.getTime() + window.seconds * 1000) : addWorkingSeconds(openedAt, window.seconds);
}
