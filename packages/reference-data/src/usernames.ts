import { isJobcentre } from './jobcentres';

// The broker user name of a jobcentre's connector. RabbitMQ validates the user_id property
// against this name, so it is the trusted sender: renaming it is a migration of every
// connector's credentials.
const PREFIX = 'jobcentre-';
const PATTERN = /^jobcentre-([1-9][0-9]{2})$/;

/** The broker user name of a jobcentre: 101 → 'jobcentre-101'. Throws for a code that is no jobcentre. */
export function jobcentreUsername(code: number): string {
  if (!isJobcentre(code)) throw new Error(`jobcentreUsername: ${code} is not a jobcentre code`);
  return `${PREFIX}${code}`;
}

/**
 * The jobcentre code in a broker user name: 'jobcentre-101' → 101. Undefined for any other
 * name, including a well-formed name of a code that is no jobcentre ('jobcentre-155').
 */
export function jobcentreFromUsername(name: string): number | undefined {
  const digits = PATTERN.exec(name)?.[1];
  if (digits === undefined) return undefined;
  const code = Number(digits);
  return isJobcentre(code) ? code : undefined;
}
