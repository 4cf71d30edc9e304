import { pack, packDocument, unpack, unpackDocument } from './packed';

describe('packed values', () => {
  it('pack/unpack round-trips JSON values and is far smaller for repetitive content', () => {
    const entries = Array.from({ length: 95 }, (_, i) => ({
      kind: 'publish',
      id: `e-${i}`,
      order: { title: 'Lagerarbejder', text: 'x'.repeat(400) },
    }));
    const packed = pack(entries);
    expect(unpack(packed)).toEqual(entries);
    expect(packed.length()).toBeLessThan(JSON.stringify(entries).length / 10);
  });

  it('packDocument keeps dates as dates, at any depth, and leaves look-alike strings alone', () => {
    const doc = {
      at: new Date('2026-11-30T10:00:00.000Z'),
      recipients: [{ jobcentre: 147, repliedAt: new Date('2026-12-01T08:30:00.000Z'), note: '2026-12-01T08:30:00.000Z' }],
      empty: null,
      nested: { deep: { when: new Date(0) } },
    };
    const back = unpackDocument(packDocument(doc));
    expect(back).toEqual(doc);
    expect((back.recipients as Array<{ repliedAt: unknown; note: unknown }>)[0]!.repliedAt).toBeInstanceOf(Date);
    expect(typeof (back.recipients as Array<{ note: unknown }>)[0]!.note).toBe('string');
  });
});
