import { timerId } from './timer-id';

describe('timerId', () => {
  it('joins parts with dashes', () => {
    expect(timerId('reply-deadline', 'round-1', 147)).toBe('reply-deadline-round-1-147');
  });
  it("refuses ':' which BullMQ uses as its key separator", () => {
    expect(() => timerId('reply-deadline', 'a:b')).toThrow(/may not contain ':'/);
  });
});
