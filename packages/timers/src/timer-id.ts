/**
 * A deterministic BullMQ job id from its parts, e.g. timerId('reply-deadline', roundId, 147).
 * BullMQ refuses ids containing ':' (its key separator), and a deterministic id is what makes
 * re-adding the same timer (after a crash or a Redis loss) a no-op while the job exists.
 */
export function timerId(...parts: Array<string | number>): string {
  const id = parts.map(String).join('-');
  if (id.includes(':')) throw new Error(`timer id may not contain ':' (${id})`);
  if (id.length === 0) throw new Error('timer id may not be empty');
  return id;
}
