import { z } from 'zod';
import type { Connector } from './connector';

export interface CatchUpOptions {
  /** Base URL of the broadcast service, e.g. https://broadcast.example.dk */
  baseUrl: string;
  /** A bearer token of this jobcentre. */
  token: string;
  /** Everything sent to the jobcentre at or after this instant. */
  since: Date;
  /** Page size. Default 200. */
  pageSize?: number;
  onProgress?: (handled: number) => void;
  /**
   * Called once when `since` is older than what the feed still keeps (FEED_RETENTION_DAYS on
   * the broadcast service): messages between `since` and `retainedFrom` can no longer be had
   * here, and must come from the jobcentre's own records.
   */
  onRetentionGap?: (retainedFrom: Date) => void;
}

/** One page of the feed, checked before anything in it is handled. */
const FeedPage = z.object({
  messages: z.array(z.unknown()),
  next: z.string().min(1).nullable(),
  retainedFrom: z.iso.datetime().optional(),
});

/**
 * Reads everything sent to this jobcentre since a point in time from the catch-up feed and
 * hands it to the connector's handlers. Run it while the connector already consumes its queue:
 * a message found in both is handled once (same envelope id), so there is neither a gap nor a
 * duplicate between the feed and the queue.
 */
export async function catchUp(connector: Connector, options: CatchUpOptions): Promise<number> {
  const base = `${options.baseUrl.replace(/\/$/, '')}/jobcentres/${connector.jobcentre}/feed`;
  let query = `since=${encodeURIComponent(options.since.toISOString())}`;
  let handled = 0;
  let first = true;
  for (;;) {
    const res = await fetch(`${base}?${query}&limit=${options.pageSize ?? 200}`, { headers: { authorization: `Bearer ${options.token}` } });
    if (!res.ok) throw new Error(`catch-up feed answered ${res.status}: ${await res.text()}`);
    const parsed = FeedPage.safeParse(await res.json());
    if (!parsed.success) throw new Error(`catch-up feed sent an unexpected page: ${z.prettifyError(parsed.error)}`);
    const page = parsed.data;
    if (first && page.retainedFrom && Date.parse(page.retainedFrom) > options.since.getTime()) {
      options.onRetentionGap?.(new Date(page.retainedFrom));
    }
    first = false;
    for (const envelope of page.messages) if (await connector.deliver(envelope)) handled++;
    options.onProgress?.(handled);
    if (!page.next) return handled;
    query = `after=${encodeURIComponent(page.next)}`;
  }
}
