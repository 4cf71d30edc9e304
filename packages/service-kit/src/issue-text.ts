import type { z } from 'zod';
import type { Bilingual } from './http-error';

/**
 * A field message in both languages. A schema's own message written "English (dansk)" or
 * "English / dansk" is split; otherwise the message is zod's English default (or a one-language
 * message of ours) and the Danish is said by the issue's code, so a Danish page never shows
 * "Invalid email address".
 */
export function issueText(issue: z.core.$ZodIssue): Bilingual {
  const split = splitMessage(issue.message);
  if (split) return split;
  return { en: issue.message, da: danishOf(issue) };
}

/** "English (dansk)" or "English / dansk" as its two halves; undefined for a one-language text. */
export function splitMessage(message: string): Bilingual | undefined {
  const parts = /^(.+?) \(([^()]+)\)$/.exec(message) ?? /^(.+?) \/ (.+)$/.exec(message);
  if (!parts?.[1] || !parts[2]) return undefined;
  return { en: parts[1], da: parts[2] };
}

const FORMATS: Record<string, string> = {
  email: 'en gyldig e-mailadresse',
  url: 'en gyldig webadresse',
  uuid: 'et gyldigt UUID',
  datetime: 'et gyldigt tidspunkt (ISO 8601)',
  date: 'en gyldig dato (ÅÅÅÅ-MM-DD)',
  time: 'et gyldigt klokkeslæt',
  regex: 'i det rigtige format',
  starts_with: 'i det rigtige format',
  ends_with: 'i det rigtige format',
  includes: 'i det rigtige format',
};

const TYPES: Record<string, string> = {
  string: 'tekst',
  number: 'et tal',
  int: 'et heltal',
  boolean: 'ja eller nej',
  array: 'en liste',
  object: 'et objekt',
  date: 'en dato',
};

function danishOf(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      // zod leaves the input out of an issue; its default message says when nothing was given.
      if (issue.input === undefined && /received undefined$/.test(issue.message)) return 'skal udfyldes';
      return `skal være ${TYPES[issue.expected] ?? issue.expected}`;
    case 'too_small': {
      const min = String(issue.minimum);
      if (issue.origin === 'string') return Number(issue.minimum) <= 1 ? 'skal udfyldes' : `skal være mindst ${min} tegn`;
      if (issue.origin === 'array' || issue.origin === 'set') return `skal have mindst ${min} element(er)`;
      return issue.inclusive === false ? `skal være større end ${min}` : `skal være mindst ${min}`;
    }
    case 'too_big': {
      const max = String(issue.maximum);
      if (issue.origin === 'string') return `må højst være ${max} tegn`;
      if (issue.origin === 'array' || issue.origin === 'set') return `må højst have ${max} element(er)`;
      return issue.inclusive === false ? `skal være mindre end ${max}` : `må højst være ${max}`;
    }
    case 'invalid_format':
      return `skal være ${FORMATS[issue.format] ?? 'i det rigtige format'}`;
    case 'not_multiple_of':
      return `skal gå op i ${String(issue.divisor)}`;
    case 'invalid_value':
      return issue.values.length <= 10
        ? `skal være en af: ${issue.values.map((v) => String(v)).join(', ')}`
        : 'er ikke en af de tilladte værdier';
    case 'unrecognized_keys':
      return 'ukendt felt';
    case 'invalid_union':
      return 'passer ikke til nogen af de tilladte former';
    case 'invalid_key':
      return 'ugyldig nøgle';
    case 'invalid_element':
      return 'ugyldigt element';
    default:
      return 'ugyldig værdi';
  }
}
