import { parseSeatRequestArgs, parseWithdrawArgs } from './seats-command';

/** The seats helper refuses bad arguments by name, before it connects to anything. */
describe('rs-connector seats arguments', () => {
  it('reads a request with its candidates', () => {
    expect(parseSeatRequestArgs('c-1', '2', 'c-147-1, c-147-2')).toEqual({ courseId: 'c-1', seats: 2, candidates: ['c-147-1', 'c-147-2'] });
    // No --candidates keeps those named before (the field is left out); '' names none.
    expect(parseSeatRequestArgs('c-1', '1', undefined)).toEqual({ courseId: 'c-1', seats: 1 });
    expect(parseSeatRequestArgs('c-1', '1', '')).toEqual({ courseId: 'c-1', seats: 1, candidates: [] });
  });

  it.each<[string, string, string | undefined, string]>([
    ['c-1', '0', undefined, '--seats'],
    ['c-1', '501', undefined, '--seats'],
    ['c-1', 'two', undefined, '--seats'],
    ['c 1', '2', undefined, '--courseId'],
    ['c-1', '2', 'bad ref', '--candidates'],
    ['c-1', '2', '010190-1234', '--candidates'],
    ['c-1', '2', '0101901234', '--candidates'],
  ])('refuses %s %s %s naming %s', (course, seats, candidates, field) => {
    expect(() => parseSeatRequestArgs(course, seats, candidates)).toThrow(field);
  });

  it('refuses a bad course id to withdraw', () => {
    expect(() => parseWithdrawArgs('c/1')).toThrow('--courseId');
  });
});
