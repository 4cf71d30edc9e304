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
}

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
  for (;;) {
    const res = await fetch(`${base}?${query}&limit=${options.pageSize ?? 200}`, { headers: { authorization: `Bearer ${options.token}` } });
    if (!res.ok) throw new Error(`catch-up feed answered ${res.status}: ${await res.text()}`);
    const page = (await res.json()) as { messages: unknown[]; next: string | null };
    for (const envelope of page.messages) if (await connector.deliver(envelope)) handled++;
    options.onProgress?.(handled);
    if (!page.next) return handled;
    query = `after=${encodeURIComponent(page.next)}`;
  }
}
