/**
 * Message ids already handled, oldest forgotten first. Redeliveries arrive soon after the
 * first delivery (a crash, a re-sent outbox entry), so a bounded window is enough.
 */
export class SeenIds {
  private readonly ids = new Set<string>();
  constructor(private readonly capacity = 50_000) {}

  has(id: string): boolean {
    return this.ids.has(id);
  }

  add(id: string): void {
    this.ids.add(id);
    if (this.ids.size > this.capacity) {
      const oldest = this.ids.values().next().value;
      if (oldest !== undefined) this.ids.delete(oldest);
    }
  }
}
