import { SeenIds } from './seen-ids';

describe('SeenIds', () => {
  it('remembers ids up to its capacity, forgetting the oldest first', () => {
    const seen = new SeenIds(2);
    seen.add('a');
    seen.add('b');
    seen.add('c');
    expect([seen.has('a'), seen.has('b'), seen.has('c')]).toEqual([false, true, true]);
  });
});
