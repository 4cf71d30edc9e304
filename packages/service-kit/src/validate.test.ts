import { z } from 'zod';
import { HttpError } from './http-error';
import { copenhagenDayAfter, copenhagenDayStart } from './params';
import { parseInput } from './validate';

function errorsOf(schema: z.ZodType, input: unknown) {
  try {
    parseInput(schema, input, 'body');
  } catch (error) {
    if (error instanceof HttpError) return error.errors ?? [];
  }
  throw new Error('expected a refusal');
}

describe('field errors in both languages', () => {
  const Body = z.strictObject({
    email: z.email(),
    name: z.string().min(1),
    title: z.string().max(3),
    count: z.number().int(),
    kind: z.enum(['a', 'b']),
    code: z.string().regex(/^\d{4}$/, 'a code is 4 digits (en kode er 4 cifre)'),
    when: z.string().refine((v) => v === 'now', 'must be now / skal være nu'),
  });

  it('gives every issue a Danish text: zod defaults by their code, our own messages split', () => {
    const errors = errorsOf(Body, { email: 'mette@', name: '', title: 'long', count: 'x', kind: 'c', code: '1', when: 'later', extra: 1 });
    const byField = Object.fromEntries(errors.map((e) => [e.field, e]));
    expect(byField['body.email']).toEqual({
      field: 'body.email',
      message: 'Invalid email address',
      message_en: 'Invalid email address',
      message_da: 'skal være en gyldig e-mailadresse',
    });
    expect(byField['body.name']?.message_da).toBe('skal udfyldes');
    expect(byField['body.title']?.message_da).toBe('må højst være 3 tegn');
    expect(byField['body.count']?.message_da).toBe('skal være et tal');
    expect(byField['body.kind']?.message_da).toBe('skal være en af: a, b');
    expect(byField['body.code']).toMatchObject({ message_en: 'a code is 4 digits', message_da: 'en kode er 4 cifre' });
    expect(byField['body.when']).toMatchObject({ message_en: 'must be now', message_da: 'skal være nu' });
    expect(byField['body.extra']).toMatchObject({ message: 'unknown field (ukendt felt)', message_da: 'ukendt felt' });
    for (const e of errors) expect(e.message_da).not.toBe(e.message_en);
  });

  it('says a missing field must be filled in', () => {
    expect(errorsOf(z.object({ cvr: z.string() }), {})[0]?.message_da).toBe('skal udfyldes');
  });
});

describe('Danish days', () => {
  it('begin at 23:00 UTC in winter and 22:00 UTC in summer', () => {
    expect(copenhagenDayStart('2026-12-01').toISOString()).toBe('2026-11-30T23:00:00.000Z');
    expect(copenhagenDayStart('2026-07-01').toISOString()).toBe('2026-06-30T22:00:00.000Z');
    expect(copenhagenDayAfter('2026-10-24').toISOString()).toBe('2026-10-24T22:00:00.000Z');
    expect(copenhagenDayAfter('2026-10-25').toISOString()).toBe('2026-10-25T23:00:00.000Z');
  });
});
