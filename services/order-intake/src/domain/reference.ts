import { REFERENCE_ALPHABET, REFERENCE_LENGTH, REFERENCE_PATTERN } from '@rs/contracts';

/**
 * The short reference a caller on the phone line is given to quote later: six characters in two
 * groups of three ("K7H-4QX"), read aloud without doubt. The alphabet leaves out what is
 * confused on paper (0/O, 1/I/L) and on the phone in Danish: U (too close to V when spelled), the
 * letters whose Danish names rhyme on "-e" (B, C, D, E, G, P, T, V — "be", "se", "de", "e", "ge",
 * "pe", "te", "ve") and Z ("sæt", close to S and C). 21 characters: 21^6 ≈ 85.8 million references,
 * 26.4 bits per reference. Uniqueness is not left to chance but to a unique-key insert (the caller
 * draws again on a clash; with 100,000 calls stored a draw clashes with probability ≈ 0.12 %).
 */
// In contracts (the web front has a spelling word for each character); the why is above.
export { REFERENCE_ALPHABET, REFERENCE_LENGTH, REFERENCE_PATTERN };

/**
 * A reference from six draws, each a whole number below the alphabet's length (the caller draws
 * them uniformly, e.g. with crypto.randomInt; the domain has no randomness of its own).
 */
export function referenceFrom(draws: readonly number[]): string {
  if (draws.length !== REFERENCE_LENGTH) throw new Error(`a reference needs ${REFERENCE_LENGTH} draws`);
  const chars = draws.map((d) => {
    const c = REFERENCE_ALPHABET[d];
    if (!Number.isInteger(d) || c === undefined) throw new Error(`draw ${d} outside 0–${REFERENCE_ALPHABET.length - 1}`);
    return c;
  });
  return `${chars.slice(0, 3).join('')}-${chars.slice(3).join('')}`;
}

/**
 * What a caller or an operator typed, as a reference: case, spaces and the dash do not matter.
 * A character outside the alphabet is refused rather than guessed (no look-alike is mapped: "O"
 * could be 0 or Q, "B" could be 8 or P). Undefined when it cannot be a reference.
 */
export function parseReference(typed: string): string | undefined {
  const bare = typed.toUpperCase().replace(/[\s-]/g, '');
  if (bare.length !== REFERENCE_LENGTH) return undefined;
  const canonical = `${bare.slice(0, 3)}-${bare.slice(3)}`;
  return REFERENCE_PATTERN.test(canonical) ? canonical : undefined;
}
