import type { PayloadOf } from '@rs/contracts';
import { factsOfEvent, type ReportedEvent } from '../domain/from-events';
import type { FactStore } from './ports';

/** Records what an event says. A redelivered or replayed event finds its facts' keys taken: no effect. */
export async function recordEvent<N extends ReportedEvent>(facts: FactStore, name: N, data: PayloadOf<N>): Promise<number> {
  return facts.record(factsOfEvent(name, data));
}
