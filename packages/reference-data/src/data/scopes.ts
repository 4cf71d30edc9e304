import type { Scope } from '../types';

/** Escalation order when a cooperation cannot fill an order (R7): narrowest first. */
export const SCOPES: readonly Scope[] = [
  { id: 'cooperation', description: "every other jobcentre of the lead jobcentre's cooperation", regionCodes: undefined },
  { id: 'east-denmark', description: 'every other jobcentre in Hovedstaden and Sjælland', regionCodes: [1084, 1085] },
  { id: 'national', description: 'every other jobcentre in Denmark', regionCodes: [1081, 1082, 1083, 1084, 1085] },
];
