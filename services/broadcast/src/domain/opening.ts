import type { ScopeId } from '@rs/contracts';

export type OpeningRefusal = { rule: 'no-cooperation'; message: string } | { rule: 'round-open'; message: string };

/**
 * Whether the lead may open a new round of an order now: one open round per order at a time
 * (its recipients would otherwise be asked twice at once), and a cooperation round only for a
 * lead that is in a cooperation (then or now).
 */
export function openingRefusal(input: {
  scope: ScopeId;
  /** The lead's cooperation when the order was registered. */
  cooperation: string | null;
  /** The lead's cooperation now, from the reference data. */
  cooperationNow: string | undefined;
  openRounds: number;
}): OpeningRefusal | undefined {
  if (input.scope === 'cooperation' && !input.cooperation && !input.cooperationNow) {
    return { rule: 'no-cooperation', message: 'The lead jobcentre is in no cooperation; choose east-denmark or national' };
  }
  if (input.openRounds > 0) return { rule: 'round-open', message: 'A round for this order is still open / Der er allerede en åben runde' };
  return undefined;
}
