import { HttpError, type Logger, parseInput, principalOf } from '@rs/service-kit';
import type { Router } from 'express';
import { z } from 'zod';
import type { FeedStore } from '../../app/ports';
import { mayReadFeed } from '../../domain/access';
import { retainedFrom } from '../../domain/feed';

const FeedParams = z.object({ code: z.coerce.number().int().min(100).max(999) });
const FeedQuery = z
  .object({
    /** Everything sent at or after this instant. */
    since: z.iso.datetime({ offset: true }).optional(),
    /** The `next` cursor of the previous page. */
    after: z.string().max(300).optional(),
    limit: z.coerce.number().int().min(1).max(1000).default(200),
  })
  .refine((q) => q.since !== undefined || q.after !== undefined, { message: 'give since or after', path: ['since'] });

/**
 * The catch-up feed: what was sent to a jobcentre's queue, oldest first, with the original
 * envelope ids. Only the jobcentre itself (or an admin) may read it; every read is logged,
 * since lead notices carry candidate summaries.
 */
export function feedRoutes(feed: FeedStore, logger: Logger, retention: { days: number; now: () => Date }) {
  return (router: Router) => {
    router.get('/jobcentres/:code/feed', async (req, res) => {
      const principal = principalOf(req);
      const { code } = parseInput(FeedParams, req.params, 'params');
      const query = parseInput(FeedQuery, req.query, 'query');
      if (!mayReadFeed(principal, code)) {
        throw new HttpError(404, 'not-found', 'Not found / Ikke fundet');
      }
      const after = query.after ?? new Date(Date.parse(query.since!) - 1).toISOString();
      const page = await feed.read(code, after, query.limit);
      logger.info({ audit: 'feed-read', by: principal.sub, jobcentre: code, count: page.messages.length }, 'catch-up feed read');
      // What is older is no longer kept: a connector that asked for more must get it from its own records.
      res.json({ ...page, retainedFrom: retainedFrom(retention.now(), retention.days).toISOString() });
    });
  };
}
