/*
 * The closed vocabularies of the shared phone line and of an order's terms, shared by order-intake
 * (which stores and validates them) and the web front (which has a text key for each value): a
 * value added here without its keys fails the web's locale test, not an operator's page.
 */

/** What a caller on the shared phone line wants. */
export const CALL_NEEDS = ['new-order', 'existing-order', 'question', 'other'] as const;
export type CallNeed = (typeof CALL_NEEDS)[number];

/** What became of a call: a new order, attached to an order, or logged (routed to the lead to call back). */
export const CALL_OUTCOMES = ['order-created', 'attached', 'logged'] as const;
export type CallOutcome = (typeof CALL_OUTCOMES)[number];

/**
 * The characters of a call's reference (see order-intake domain/reference.ts for why these 21):
 * each has a word in the Danish spelling alphabet the operator reads out.
 */
export const REFERENCE_ALPHABET = '23456789AFHJKMNQRSWXY';
export const REFERENCE_LENGTH = 6;
/** The canonical form: upper case, the dash after the third character. */
export const REFERENCE_PATTERN = new RegExp(`^[${REFERENCE_ALPHABET}]{3}-[${REFERENCE_ALPHABET}]{3}$`);

/** An order's employment type (wider than a CV's EMPLOYMENT_TYPES: an apprenticeship is offered, not sought). */
export const ORDER_EMPLOYMENT_TYPES = ['permanent', 'temporary', 'seasonal', 'substitute', 'apprenticeship', 'flex-job'] as const;
export const ORDER_WORKING_TIMES = ['full-time', 'part-time'] as const;
