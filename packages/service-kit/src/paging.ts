import { z } from 'zod';
import { HttpError } from './http-error';
import { intQuery } from './params';

/**
 * Keyset paging: a list is sorted by (sort key, id) and a page ends with an opaque cursor
 * naming its last item. Stable while documents are added, and cheap on FerretDB (no skip).
 */
export const pageQuery = (defaultLimit = 50, maxLimit = 200) => ({
  /** Items per page. */
  limit: intQuery(1, maxLimit)
    .optional()
    .transform((v) => v ?? defaultLimit)
    .meta({ description: `items per page, 1–${maxLimit}; default ${defaultLimit}` }),
  /** The `cursor` of the previous page's `next`. */
  cursor: z
    .string()
    .max(300)
    .regex(/^[A-Za-z0-9_-]+$/, 'a cursor from the previous page')
    .optional(),
});

export interface Cursor {
  key: string;
  id: string;
}

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify([cursor.key, cursor.id])).toString('base64url');
}

export function decodeCursor(text: string): Cursor {
  try {
    const value: unknown = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    const parsed = z.tuple([z.string().max(100), z.string().max(120)]).parse(value);
    return { key: parsed[0], id: parsed[1] };
  } catch {
    throw new HttpError(400, 'invalid-request', { en: 'query.cursor: not a cursor of this list', da: 'query.cursor: ugyldig markør' }, [
      { field: 'query.cursor', message: 'not a cursor of this list', message_da: 'ikke en markør for denne liste' },
    ]);
  }
}

/** The link to the page after the one that ended with `last`, keeping the other query values. */
export function nextLink(path: string, query: Record<string, string | number | undefined>, last: Cursor | undefined): string | null {
  if (!last) return null;
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) if (value !== undefined && name !== 'cursor') params.set(name, String(value));
  params.set('cursor', encodeCursor(last));
  return `${path}?${params.toString()}`;
}

/** The response schema of a page: the items, and where the next page is (null on the last). */
export const pageOf = <T extends z.ZodType>(name: string, item: T) =>
  z.object({ [name]: z.array(item), next: z.string().nullable().describe('link to the next page; null on the last page') });
