import { INQUIRY_NOTE_MAX, InquiryAnswerValue, InquiryText, ProposedCandidate } from '@rs/contracts';
import { z } from 'zod';

/**
 * The local system's answer to a `round.order-broadcast`: the body of a `round.reply` without
 * the ids (the connector adds roundId and orderId from the message it posted).
 */
export const WebhookAnswer = z
  .object({
    answer: z.enum(['candidates', 'none']),
    candidates: z.array(ProposedCandidate).max(50),
  })
  .refine((r) => (r.answer === 'none') === (r.candidates.length === 0), {
    message: '"none" carries no candidates and "candidates" carries at least one',
    path: ['candidates'],
  });
export type WebhookAnswer = z.infer<typeof WebhookAnswer>;

/**
 * The local system's answer to a `pool.candidate-inquiry`: the body of a `pool.inquiry-answer`
 * without the ids (the connector adds inquiryId and candidateRef from the message it posted).
 */
export const WebhookInquiryAnswer = z.object({ answer: InquiryAnswerValue, note: InquiryText(INQUIRY_NOTE_MAX).optional() });
export type WebhookInquiryAnswer = z.infer<typeof WebhookInquiryAnswer>;

/** What one HTTP response means for the message that was posted. */
export type WebhookOutcome =
  /** Handled: ack the message. */
  | { kind: 'ack' }
  /** A broadcast answered now: reply with it, then ack. */
  | { kind: 'reply'; answer: WebhookAnswer }
  /** An inquiry answered now: answer it, then ack. */
  | { kind: 'answer-inquiry'; answer: WebhookInquiryAnswer }
  /** A broadcast the local system will answer later (204): ack without replying. */
  | { kind: 'later' }
  /** Try again after a while (5xx, 408, 429). */
  | { kind: 'transient'; reason: string }
  /** This message can never succeed (other 4xx, an invalid answer): dead-letter it. */
  | { kind: 'permanent'; reason: string };

const snippet = (body: string) => {
  const oneLine = body.replace(/\s+/g, ' ').trim();
  return oneLine.length > 200 ? `${oneLine.slice(0, 200)}…` : oneLine;
};

/**
 * Sorts a response of the local system into the outcomes above. 408 (timeout) and 429 (too many
 * requests) say "not now" rather than "never", so they are retried like 5xx; 3xx is never
 * followed (a POST must not turn into a GET) and is retried too, since it is a setting to fix,
 * not a property of the message.
 */
export function classifyResponse(messageName: string, status: number, body: string): WebhookOutcome {
  if (status >= 500 || status === 408 || status === 429) {
    return { kind: 'transient', reason: `answered ${status}${body ? `: ${snippet(body)}` : ''}` };
  }
  if (status >= 300 && status < 400)
    return { kind: 'transient', reason: `answered ${status} (redirects are not followed; fix WEBHOOK_URL)` };
  if (status >= 400 || status < 200) return { kind: 'permanent', reason: `answered ${status}${body ? `: ${snippet(body)}` : ''}` };
  if (messageName === 'pool.candidate-inquiry') return inquiryOutcome(status, body);
  if (messageName !== 'round.order-broadcast') return { kind: 'ack' };
  if (status === 204) return { kind: 'later' };
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return { kind: 'permanent', reason: `answered ${status} with a body that is not JSON: ${snippet(body) || '(empty)'}` };
  }
  const parsed = WebhookAnswer.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`).join('; ');
    return { kind: 'permanent', reason: `answered ${status} with an invalid answer: ${issues}` };
  }
  return { kind: 'reply', answer: parsed.data };
}

/**
 * An inquiry is answered when the body says `answer` (then it must be a valid one); any other
 * success (204, an empty or other body) acks it: the local system answers later, or its
 * consultant answers on the web page.
 */
function inquiryOutcome(status: number, body: string): WebhookOutcome {
  let json: unknown;
  try {
    json = body.trim() ? JSON.parse(body) : undefined;
  } catch {
    return { kind: 'ack' };
  }
  if (typeof json !== 'object' || json === null || !('answer' in json)) return { kind: 'ack' };
  const parsed = WebhookInquiryAnswer.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`).join('; ');
    return { kind: 'permanent', reason: `answered ${status} with an invalid inquiry answer: ${issues}` };
  }
  return { kind: 'answer-inquiry', answer: parsed.data };
}

/** A short name for why a request got no response at all (ECONNREFUSED, timeout, ...). */
export function describeRequestError(error: unknown): string {
  // Duck-typed: undici's errors come from another realm than the caller's Error in some hosts (jest).
  const e = (error ?? {}) as { name?: unknown; message?: unknown; cause?: { code?: unknown; message?: unknown } };
  if (e.name === 'TimeoutError') return 'no answer within the timeout';
  // undici wraps the socket error: TypeError('fetch failed', { cause: { code: 'ECONNREFUSED' } })
  if (typeof e.cause?.code === 'string') return e.cause.code;
  if (typeof e.cause?.message === 'string') return e.cause.message;
  return typeof e.message === 'string' ? e.message : String(error);
}
