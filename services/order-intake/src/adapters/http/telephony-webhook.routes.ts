import { createHmac, timingSafeEqual } from 'node:crypto';
import { HttpError, mountRoutes, ownCredentialsRoute } from '@rs/service-kit';
import type { Request, Router } from 'express';
import { z } from 'zod';
import type { CompanyDeps } from '../../app/company-deps';
import { type RecordCallResult, recordTelephonyCall, type TelephonyCall, telephonyCallKey } from '../../app/record-call';
import { CALL_NEEDS } from '../../domain/call';
import { checkTimestamp, NONCE_PATTERN, signedText } from '../../domain/webhook';
import { CallView, callReply } from './calls.routes';
import { Cvr, Text } from './company-schemas';

export const SIGNATURE_HEADER = 'x-rs-signature';
export const TIMESTAMP_HEADER = 'x-rs-timestamp';
export const NONCE_HEADER = 'x-rs-nonce';

export const TelephonyCallBody = z.strictObject({
  /** The telephony system's own id of the call: the same call delivered twice is one record. */
  callId: z
    .string()
    .min(1)
    .max(100)
    .regex(/^[A-Za-z0-9_.:-]+$/, 'letters, digits and . _ : - only'),
  receivedAt: z.iso.datetime({ offset: true }),
  callerPhone: z
    .string()
    .regex(/^\+?[0-9 ]{3,20}$/)
    .optional(),
  callerName: Text(200).optional(),
  /** What the caller keyed in (IVR), when the system asks. */
  cvr: Cvr.optional(),
  need: z.enum(CALL_NEEDS).optional(),
  note: z.string().max(4000).optional(),
});

/** `sha256=<hex>` of HMAC-SHA256(secret, `<timestamp>.<nonce>.<body as sent>`). */
export function telephonySignature(secret: string, timestamp: string, nonce: string, body: string): string {
  return `sha256=${createHmac('sha256', secret)
    .update(signedText(timestamp, nonce, body))
    .digest('hex')}`;
}

const unauthenticated = (en: string, da: string) => new HttpError(401, 'unauthenticated', { en, da });

/**
 * Authenticates a webhook call before its body is read: signature first (an unsigned request may
 * not use up nonces), then the nonce's form and the timestamp window. The nonce is claimed later
 * (receiveCall), once the body is known.
 */
async function authenticate(deps: CompanyDeps, req: Request): Promise<void> {
  const secret = deps.telephony.secret;
  if (!secret) {
    throw new HttpError(404, 'not-found', { en: 'The telephony webhook is not configured', da: 'Telefoni-webhooken er ikke sat op' });
  }
  const timestamp = req.get(TIMESTAMP_HEADER) ?? '';
  const nonce = req.get(NONCE_HEADER) ?? '';
  const given = req.get(SIGNATURE_HEADER) ?? '';
  const expected = telephonySignature(secret, timestamp, nonce, req.rawBody?.toString('utf8') ?? '');
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  if (a.length !== b.length || !timingSafeEqual(a, b)) {
    throw unauthenticated('Missing or wrong signature', 'Manglende eller forkert signatur');
  }
  if (!NONCE_PATTERN.test(nonce)) throw unauthenticated('The nonce must be 16–128 letters or digits', 'Nonce skal være 16–128 tegn');
  const when = checkTimestamp(timestamp, deps.now(), deps.telephony.toleranceSeconds);
  if (!when.ok) throw unauthenticated(`Timestamp ${when.reason}`, 'Tidsstemplet er for gammelt eller ugyldigt');
}

/**
 * An authenticated call: a telephony call stored already answers as it is, whatever its nonce
 * (the telephony system's retry after a lost answer, or after our failure, must not be a 409).
 * Otherwise the nonce is claimed once by a unique-key insert (a replay within the window is refused
 * on every replica), and given back when storing the call fails, so the retry is not refused.
 */
export async function receiveCall(deps: CompanyDeps, req: Request, input: TelephonyCall): Promise<RecordCallResult> {
  const stored = await deps.calls.load(telephonyCallKey(input.telephonyCallId));
  if (stored) return { kind: 'existing', call: stored };
  const nonce = req.get(NONCE_HEADER) ?? '';
  const when = checkTimestamp(req.get(TIMESTAMP_HEADER) ?? '', deps.now(), deps.telephony.toleranceSeconds);
  if (!when.ok) throw unauthenticated(`Timestamp ${when.reason}`, 'Tidsstemplet er for gammelt eller ugyldigt');
  if (!(await deps.nonces.claim(nonce, when.at))) {
    throw new HttpError(409, 'replayed', { en: 'This nonce was used before (a replay)', da: 'Denne nonce er brugt før (en gentagelse)' });
  }
  try {
    return await recordTelephonyCall(deps, input);
  } catch (error) {
    await deps.nonces.release(nonce).catch(() => {});
    throw error;
  }
}

export function telephonyWebhookRoutes(deps: CompanyDeps) {
  const receive = ownCredentialsRoute({
    method: 'post',
    path: '/webhooks/telephony/calls',
    summary: 'The telephony system records an inbound call (HMAC-signed, replay-safe); answers the reference to read to the caller',
    description:
      `Signed with the shared secret TELEPHONY_WEBHOOK_SECRET: header ${SIGNATURE_HEADER} = "sha256=" + hex HMAC-SHA256 of ` +
      `"<${TIMESTAMP_HEADER}>.<${NONCE_HEADER}>.<body as sent>"; ${TIMESTAMP_HEADER} in unix seconds within the allowed window; ` +
      `${NONCE_HEADER} 16–128 characters, never used before. The same callId twice is one call.`,
    tags: ['phone line'],
    credentials: {
      scheme: 'telephonySignature',
      header: SIGNATURE_HEADER,
      description: `HMAC-SHA256 over "<${TIMESTAMP_HEADER}>.<${NONCE_HEADER}>.<body>" with the telephony system's secret`,
    },
    body: TelephonyCallBody,
    responses: {
      201: { description: 'recorded (or recorded before under this callId)', schema: CallView, headers: { Location: 'the call' } },
      409: { description: 'the nonce was used before: a replayed request' },
    },
    authenticate: (req) => authenticate(deps, req),
    handle: async ({ body, req }) => {
      const { callId, ...rest } = body;
      return callReply(await receiveCall(deps, req, { telephonyCallId: callId, ...rest }));
    },
  });
  return (router: Router) => mountRoutes(router, [receive]);
}
