/** Escalation scopes of a broadcast round, narrowest first (R5, R7). */
export const SCOPE_IDS = ['cooperation', 'east-denmark', 'national'] as const;
export type ScopeId = (typeof SCOPE_IDS)[number];
