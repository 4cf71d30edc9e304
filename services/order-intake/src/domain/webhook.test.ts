import { checkTimestamp, NONCE_PATTERN, signedText } from './webhook';

describe('telephony webhook rules', () => {
  const now = new Date('2026-12-01T12:00:00Z');
  const seconds = (d: Date) => String(Math.floor(d.getTime() / 1000));

  it('accepts a timestamp within the window, either side', () => {
    expect(checkTimestamp(seconds(now), now, 300)).toMatchObject({ ok: true });
    expect(checkTimestamp(seconds(new Date(now.getTime() - 300_000)), now, 300)).toMatchObject({ ok: true });
    expect(checkTimestamp(seconds(new Date(now.getTime() + 299_000)), now, 300)).toMatchObject({ ok: true });
  });

  it('refuses a stale or future timestamp, and one not written as unix seconds', () => {
    expect(checkTimestamp(seconds(new Date(now.getTime() - 301_000)), now, 300)).toMatchObject({ ok: false });
    expect(checkTimestamp(seconds(new Date(now.getTime() + 301_000)), now, 300)).toMatchObject({ ok: false });
    for (const bad of ['', '0', '-1764590400', '1764590400.5', '01764590400', '2026-12-01T12:00:00Z']) {
      expect([bad, checkTimestamp(bad, now, 300).ok]).toEqual([bad, false]);
    }
  });

  it('signs timestamp, nonce and body together', () => {
    expect(signedText('1764590400', 'n-1234567890abcdef', '{"a":1}')).toBe('1764590400.n-1234567890abcdef.{"a":1}');
    expect(NONCE_PATTERN.test('short')).toBe(false);
    expect(NONCE_PATTERN.test('a'.repeat(16))).toBe(true);
    expect(NONCE_PATTERN.test('$ne'.repeat(8))).toBe(false);
  });
});
