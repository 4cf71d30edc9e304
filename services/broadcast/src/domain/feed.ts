/** How long the catch-up feed keeps what it sent; pure, so the route and the pruner agree. */
const DAY_MS = 86_400_000;

/** The oldest instant the feed still holds messages from, keeping them `days` days. */
export function retainedFrom(now: Date, days: number): Date {
  return new Date(now.getTime() - days * DAY_MS);
}
