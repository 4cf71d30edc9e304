import { ApiError } from '../api';
import { CallReply, parseReply } from './operator-replies';

const call = {
  id: 'c1',
  reference: 'K7H-4QX',
  receivedAt: '2026-12-01T09:00:00Z',
  caller: {},
  need: 'question',
  note: '',
  outcome: 'logged',
};

describe("order-intake's call replies", () => {
  it('are read when every value has a text', () => {
    expect(parseReply(CallReply, call).need).toBe('question');
  });

  it.each([
    ['a need the web has no text for', { ...call, need: 'complaint' }],
    ['an outcome the web has no text for', { ...call, outcome: 'lost' }],
    ['a reference character outside the spelling alphabet', { ...call, reference: 'K7H-4QZ' }],
  ])('are refused as a broken reply (502), not rendered: %s', (_what, reply) => {
    expect(() => parseReply(CallReply, reply)).toThrow(ApiError);
    try {
      parseReply(CallReply, reply);
    } catch (error) {
      expect((error as ApiError).status).toBe(502);
    }
  });
});
