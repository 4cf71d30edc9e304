import { codeParam, HttpError, intQuery, type Logger, mountRoutes, route } from '@rs/service-kit';
import type { Router } from 'express';
import { z } from 'zod';
import type { FeedStore } from '../../app/ports';
import { mayReadFeed } from '../../domain/access';
import { retainedFrom } from '../../domain/feed';

const FeedParams = z.object({ code: codeParam });
const FeedQuery = z
  .object({
    /** Everything sent at or after this instant. */
    since: z.iso.datetime({ offset: true }).optional(),
    /** The `next` cursor of the previous page. */
    after: z.string().min(1).max(300).optional(),
    limit: intQuery(1, 1000)
      .optional()
      .transform((v) => v ?? 200),
  })
  .refine((q) => q.since !== undefined || q.after !== undefined, { message: 'give since or after', path: ['since'] });

const FeedPage = z.object({
  messages: z.array(z.object({ id: z.string(), type: z.string() }).loose()).describe('CloudEvents envelopes, oldest first'),
  next: z.string().nullable().describe('pass as `after` for the next page; null when there is no more'),
  retainedFrom: z.string().describe('the oldest instant the feed still holds'),
});

/**
 * The catch-up feed: what was sent to a jobcentre's queue, oldest first, with the original
 * envelope ids. Only the jobcentre itself (or an admin) may read it; every read is logged,
 * since lead notices carry candidate summaries.
 */
export function feedRoutes(feedStore: FeedStore, logger: Logger, retention: { days: number; now: () => Date }) {
  const feed = route({
    method: 'get',
    path: '/jobcentres/:code/feed',
    summary: "Catch-up: what was sent to a jobcentre's queue since an instant or after a cursor",
    tags: ['feed'],
    params: FeedParams,
    query: FeedQuery,
    responses: { 200: { description: 'a page of the feed', schema: FeedPage } },
    handle: async ({ principal, params, query }) => {
      const code = params.code;
      if (!mayReadFeed(principal, code)) {
        throw new HttpError(404, 'not-found', { en: 'Not found', da: 'Ikke fundet' });
      }
      const after = query.after ?? new Date(Date.parse(query.since!) - 1).toISOString();
      const page = await feedStore.read(code, after, query.limit);
      logger.info({ audit: 'feed-read', by: principal.sub, jobcentre: code, count: page.messages.length }, 'catch-up feed read');
      // What is older is no longer kept: a connector that asked for more must get it from its own records.
      return { status: 200, body: { ...page, retainedFrom: retainedFrom(retention.now(), retention.days).toISOString() } };
    },
  });
  return (router: Router) => mountRoutes(router, [feed]);
}
