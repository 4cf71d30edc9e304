import { type DeadLetter, type DeadLetterSession, deadLetterHeaders, deadLetterSummary, openDeadLetters, redactPersonal } from '@rs/bus';
import { allDeadLetterQueues } from '@rs/contracts';
import { HttpError, type Logger, mountRoutes, type Principal, route } from '@rs/service-kit';
import type { Router } from 'express';
import { z } from 'zod';

const Row = z
  .object({
    id: z.string(),
    type: z.string().nullable(),
    queue: z.string(),
    originalQueue: z.string().nullable(),
    reason: z.string(),
    at: z.string().nullable(),
    attempts: z.number().int().nullable(),
    sender: z.string().nullable(),
    by: z.enum(['consumer', 'broker']),
  })
  .meta({ id: 'DeadLetter' });
const Detail = Row.extend({ headers: z.record(z.string(), z.unknown()), payload: z.unknown() }).meta({ id: 'DeadLetterDetail' });
/** A message id as publishers set them (UUIDs, `sha256-…` for one without). */
const IdParams = z.object({
  id: z
    .string()
    .min(1)
    .max(200)
    .regex(/^[A-Za-z0-9._:@-]+$/, 'a message id'),
});

/** The payload an admin page shows: candidate summaries and notes redacted (rs-admin's --full is for the terminal). */
function payloadOf(d: DeadLetter): unknown {
  try {
    return redactPersonal(JSON.parse(d.body.toString('utf8')));
  } catch {
    return `(not JSON, ${d.body.length} bytes)`;
  }
}

const adminOnly = (principal: Principal) => {
  if (principal.role !== 'admin') {
    throw new HttpError(403, 'forbidden', { en: 'Only an admin may see dead letters', da: 'Kun en administrator kan se døde breve' });
  }
};
const noSuch = (id: string) => new HttpError(404, 'not-found', { en: `No dead letter with id ${id}`, da: `Intet dødt brev med id ${id}` });

/**
 * The platform's dead letters for the admin page (part 6 of the web front): list, inspect,
 * redrive — the same session over the dead-letter queues that `rs-admin dead-letters` uses
 * (@rs/bus openDeadLetters: read holds them, close returns what was not redriven), over this
 * service's broker connection.
 */
export function deadLetterRoutes(amqpUrl: string, logger: Logger) {
  const withSession = async <T>(work: (session: DeadLetterSession, letters: DeadLetter[]) => Promise<T>): Promise<T> => {
    const session = await openDeadLetters(amqpUrl, allDeadLetterQueues(), 1000);
    try {
      return await work(session, await session.read());
    } finally {
      await session.close();
    }
  };

  const list = route({
    method: 'get',
    path: '/admin/dead-letters',
    summary: 'Every dead letter of the platform, oldest first (admins)',
    tags: ['admin'],
    responses: { 200: { description: 'the dead letters', schema: z.object({ letters: z.array(Row) }) } },
    handle: async ({ principal }) => {
      adminOnly(principal);
      const letters = await withSession(async (_s, all) =>
        all.map(deadLetterSummary).sort((a, b) => (a.at ?? '').localeCompare(b.at ?? '')),
      );
      return { status: 200, body: { letters } };
    },
  });

  const show = route({
    method: 'get',
    path: '/admin/dead-letters/:id',
    summary: 'One dead letter with its headers and payload, candidate summaries and notes redacted (admins)',
    tags: ['admin'],
    params: IdParams,
    responses: { 200: { description: 'the dead letter', schema: Detail } },
    handle: async ({ principal, params }) => {
      adminOnly(principal);
      const found = await withSession(async (_s, all) => all.find((d) => d.id === params.id));
      if (!found) throw noSuch(params.id);
      return { status: 200, body: { ...deadLetterSummary(found), headers: deadLetterHeaders(found), payload: payloadOf(found) } };
    },
  });

  const redrive = route({
    method: 'post',
    path: '/admin/dead-letters/:id/redrive',
    summary: 'Put a dead letter back on its original queue, once (admins)',
    tags: ['admin'],
    params: IdParams,
    responses: {
      200: { description: 'redriven', schema: z.object({ id: z.string(), originalQueue: z.string() }) },
      409: { description: 'it has no work queue to go back to' },
    },
    handle: async ({ principal, params }) => {
      adminOnly(principal);
      return withSession(async (session, all) => {
        const letter = all.find((d) => d.id === params.id);
        if (!letter) throw noSuch(params.id);
        try {
          await session.redrive(letter);
        } catch (error) {
          throw new HttpError(409, 'not-redriven', { en: (error as Error).message, da: 'Brevet kunne ikke sendes igen' });
        }
        logger.info({ audit: 'dead-letter-redriven', by: principal.sub, id: letter.id, to: letter.originalQueue }, 'dead letter redriven');
        return { status: 200, body: { id: letter.id, originalQueue: String(letter.originalQueue) } };
      });
    },
  });

  return (router: Router) => mountRoutes(router, [list, show, redrive]);
}
