/**
 * When a round's replies are due. The working-time calendar (R6: weekends and holidays pause
 * the 48 hours) is applied by the caller-supplied function; the window is configuration so
 * tests can use seconds.
 */
export interface ReplyWindow {
  /** Length of the window in seconds, forced for every round; when absent each cooperation's policy decides. */
  seconds?: number;
  /** Forced for every round; when absent each cooperation's policy decides. */
  mode?: 'clock' | 'working-time';
}

/** R6's 48 hours where a round's lead is in no cooperation (and no length is forced). */
export const DEFAULT_REPLY_WINDOW_HOURS = 48;

/**
 * The length a round's window has, in seconds: the installation's override, else the lead's
 * cooperation's reply-window policy (`replyWindow.hours`, as the admin last set it when the round
 * opened), else 48 hours. Fixed in the round's deadline at the opening: a later change of the
 * policy never moves an open round's deadline.
 */
export function windowSeconds(window: ReplyWindow, cooperationHours: number | undefined): number {
  return window.seconds ?? (cooperationHours ?? DEFAULT_REPLY_WINDOW_HOURS) * 3600;
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
