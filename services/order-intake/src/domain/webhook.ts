/**
 * The telephony system's webhook is signed, not bearer-authenticated: it has its own secret. The
 * signature covers the timestamp, a nonce and the body as sent, so none of them can be changed;
 * a stale timestamp or a nonce seen before is a replay. (The HMAC itself is computed in the
 * adapter; these are the rules.)
 */

/** What the HMAC-SHA256 is computed over: `<timestamp>.<nonce>.<body>`. */
export function signedText(timestamp: string, nonce: string, body: string): string {
  return `${timestamp}.${nonce}.${body}`;
}

/** Unix seconds, no sign, no fraction (a canonical spelling: one request has one signature). */
export const TIMESTAMP_PATTERN = /^[1-9]\d{8,10}$/;
/** 16–128 characters of letters, digits, - and _. */
export const NONCE_PATTERN = /^[A-Za-z0-9_-]{16,128}$/;

export type TimestampCheck = { ok: true; at: Date } | { ok: false; reason: string };

/** A timestamp more than `toleranceSeconds` from now (either way) is refused: a replayed or delayed request. */
export function checkTimestamp(timestamp: string, now: Date, toleranceSeconds: number): TimestampCheck {
  if (!TIMESTAMP_PATTERN.test(timestamp)) return { ok: false, reason: 'not unix seconds' };
  const at = new Date(Number(timestamp) * 1000);
  if (Math.abs(now.getTime() - at.getTime()) > toleranceSeconds * 1000) return { ok: false, reason: 'outside the allowed window' };
  return { ok: true, at };
}
