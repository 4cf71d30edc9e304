/**
 * Company names are searched by prefix, in Danish, case-insensitively, on FerretDB and MongoDB 7
 * alike. Neither a collation nor a case-insensitive regex is used (FerretDB supports no
 * collation, and `i` on an anchored regex cannot use an index on MongoDB): each company stores a
 * normalised key of its name, and a search is an anchored, escaped regex on that key.
 */

/**
 * The name as a search key: Unicode NFC (an "å" typed as a + combining ring is the same letter),
 * lower case by Danish rules (Æ Ø Å → æ ø å), inner whitespace collapsed, ends trimmed.
 */
export function nameKey(name: string): string {
  return name.normalize('NFC').toLocaleLowerCase('da-DK').replace(/\s+/g, ' ').trim();
}

/** Regex metacharacters of a search string, escaped: a search for "a.b" or "(" finds those characters only. */
export function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}

/** The anchored pattern that finds names starting with what was typed. */
export function namePrefixPattern(typed: string): string {
  return `^${escapeRegex(nameKey(typed))}`;
}
