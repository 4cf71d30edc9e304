import { errorTarget, parseMark } from './kkr-form';

describe("the KKR scheme's mark form", () => {
  const good = { recommendationId: 'R1', year: '2026', status: 'green', remark: 'ok', idempotencyKey: 'not-a-uuid' };

  it('takes a good mark (a bad idempotency key is replaced, not refused)', () => {
    expect(parseMark(good)).toEqual({ ok: true, form: { recommendationId: 'R1', year: '2026', status: 'green', remark: 'ok' } });
  });

  it('keys a message for every failing field, the hidden ones too, and re-renders with the parsed year', () => {
    const bad = parseMark({ recommendationId: '', year: '1999', status: 'blue', remark: 'x'.repeat(2001) });
    expect(bad).toMatchObject({
      ok: false,
      errors: {
        recommendationId: 'kkr.error.recommendationId',
        year: 'kkr.error.year',
        status: 'kkr.chooseStatus',
        remark: 'kkr.remarkHint',
      },
      year: undefined,
      values: { status: 'blue' },
    });
    expect(parseMark({ ...good, status: undefined })).toMatchObject({ ok: false, year: '2026', errors: { status: 'kkr.chooseStatus' } });
    expect(parseMark({ ...good, year: ['2026', '2027'] })).toMatchObject({
      ok: false,
      year: undefined,
      errors: { year: 'kkr.error.year' },
    });
  });

  it('links the summary to the control, or for a hidden field to its message in the form', () => {
    expect(errorTarget('status', 'R1')).toBe('#st-R1-green');
    expect(errorTarget('remark', 'R1')).toBe('#remark-R1');
    expect(errorTarget('year', 'R1')).toBe('#err-form-R1');
    expect(errorTarget('recommendationId', 'R1')).toBe('#err-form-R1');
  });
});
