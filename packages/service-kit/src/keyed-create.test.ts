import { keyedId, replayedHeader } from './keyed-create';

const consultant = { role: 'jobcentre', sub: 'consultant-185' };
const withKey = (key?: string) => ({ get: (name: string) => (name === 'idempotency-key' ? key : undefined) });
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe("a keyed create's id", () => {
  it('is the id the services derived before (a retry across an upgrade meets its first create)', () => {
    // upskilling-seat's courses and needs (unmarked), matching's inquiries (version 5).
    expect(keyedId(withKey('k-1'), consultant, { uuidV5: false })).toBe('4a6774c1-b1af-9c94-9b6f-28bcc52386ef');
    expect(keyedId(withKey('k-1'), consultant, { scope: 'need', uuidV5: false })).toBe('84965f34-feb5-183a-f7bf-98352dfd536d');
    expect(keyedId(withKey('k-1'), consultant, { scope: 'inquiry' })).toBe('769de2a8-da9f-5ced-a380-1b5c7980a4ee');
  });

  it('is the same for the same sender and key, and differs by key, sender and scope', () => {
    const id = keyedId(withKey('k-1'), consultant);
    expect(keyedId(withKey('k-1'), consultant)).toBe(id);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(keyedId(withKey('k-2'), consultant)).not.toBe(id);
    expect(keyedId(withKey('k-1'), { role: 'jobcentre', sub: 'consultant-101' })).not.toBe(id);
    expect(keyedId(withKey('k-1'), consultant, { scope: 'need' })).not.toBe(id);
  });

  it('is a fresh random UUID without a key', () => {
    const a = keyedId(withKey(), consultant);
    expect(a).toMatch(UUID);
    expect(keyedId(withKey(), consultant)).not.toBe(a);
  });

  it('says a replayed answer in its header, and nothing for a new create', () => {
    expect(replayedHeader(true)).toEqual({ 'Idempotency-Replayed': 'true' });
    expect(replayedHeader(false)).toEqual({});
  });
});
