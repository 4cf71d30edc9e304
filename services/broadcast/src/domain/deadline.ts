/**
 * When a round's replies are due. The working-time calendar (R6: weekends and holidays pause
 * the 48 hours) is applied by the caller-supplied function; the window is configuration so
 * tests can use seconds.
 */
export interface ReplyWindow {
  /** Length of the window in seconds. */
  seconds: number;
  /** Forced for every round; when absent each cooperation's policy decides. */
  mode?: 'clock' | 'working-time';
}

/** The mode a round uses: the installation's override, else the lead's cooperation's policy. */
export function windowMode(window: ReplyWindow, cooperationPolicy: 'clock' | 'working-time' | undefined): 'clock' | 'working-time' {
  return window.mode ?? cooperationPolicy ?? 'working-time';
}

export function replyDeadline(
  openedAt: Date,
  seconds: number,
  mode: 'clock' | 'working-time',
  addWorkingSeconds: (start: Date, seconds: number) => Date,
): Date {
  return mode === 'clock' ? new Date(openedAt.getTime() + seconds * 1000) : addWorkingSeconds(openedAt, seconds);
}
