import { classifyResponse, describeRequestError } from './response';

const BROADCAST = 'round.order-broadcast';

describe('the local system’s responses', () => {
  it('turns a broadcast’s 200 answer into a reply', () => {
    const body = JSON.stringify({ answer: 'candidates', candidates: [{ candidateRef: 'c-147-1', summary: 'CE-chauffør' }] });
    expect(classifyResponse(BROADCAST, 200, body)).toEqual({
      kind: 'reply',
      answer: { answer: 'candidates', candidates: [{ candidateRef: 'c-147-1', summary: 'CE-chauffør' }] },
    });
    expect(classifyResponse(BROADCAST, 201, '{"answer":"none","candidates":[]}')).toEqual({
      kind: 'reply',
      answer: { answer: 'none', candidates: [] },
    });
  });

  it('acks a broadcast answered 204 without replying, and any 2xx of other messages', () => {
    expect(classifyResponse(BROADCAST, 204, '')).toEqual({ kind: 'later' });
    expect(classifyResponse('round.reminder', 200, 'ok')).toEqual({ kind: 'ack' });
    expect(classifyResponse('round.withdrawn', 204, '')).toEqual({ kind: 'ack' });
  });

  it('turns an inquiry’s 200 answer into an inquiry answer, acks any other success, dead-letters an invalid answer', () => {
    expect(classifyResponse('pool.candidate-inquiry', 200, '{"answer":"available","note":"ring efter 10"}')).toEqual({
      kind: 'answer-inquiry',
      answer: { answer: 'available', note: 'ring efter 10' },
    });
    expect(classifyResponse('pool.candidate-inquiry', 204, '')).toEqual({ kind: 'ack' });
    expect(classifyResponse('pool.candidate-inquiry', 200, '{"ok":true}')).toEqual({ kind: 'ack' });
    expect(classifyResponse('pool.candidate-inquiry', 200, '{"answer":"maybe"}')).toMatchObject({
      kind: 'permanent',
      reason: expect.stringMatching(/invalid inquiry answer: answer/),
    });
    expect(classifyResponse('pool.candidate-inquiry', 200, '{"answer":"available","note":"010190-1234"}')).toMatchObject({
      kind: 'permanent',
      reason: expect.stringMatching(/note: .*CPR/),
    });
  });

  it('retries 5xx, 408, 429 and redirects', () => {
    for (const status of [500, 502, 503, 408, 429, 302])
      expect(classifyResponse(BROADCAST, status, 'x')).toMatchObject({ kind: 'transient' });
  });

  it('dead-letters other 4xx and invalid answers, saying why', () => {
    expect(classifyResponse('round.reminder', 404, 'no such route')).toEqual({ kind: 'permanent', reason: 'answered 404: no such route' });
    expect(classifyResponse(BROADCAST, 200, 'yes')).toMatchObject({ kind: 'permanent', reason: expect.stringMatching(/not JSON/) });
    expect(classifyResponse(BROADCAST, 200, '')).toMatchObject({ kind: 'permanent', reason: expect.stringMatching(/not JSON.*empty/) });
    expect(classifyResponse(BROADCAST, 200, '{"answer":"none","candidates":[{"candidateRef":"c1","summary":"x"}]}')).toMatchObject({
      kind: 'permanent',
      reason: expect.stringMatching(/invalid answer: candidates: "none" carries no candidates/),
    });
    expect(
      classifyResponse(BROADCAST, 200, '{"answer":"candidates","candidates":[{"candidateRef":"has space","summary":"x"}]}'),
    ).toMatchObject({ kind: 'permanent', reason: expect.stringMatching(/candidates\.0\.candidateRef/) });
    expect(classifyResponse(BROADCAST, 400, 'x'.repeat(500))).toMatchObject({ reason: expect.stringMatching(/^answered 400: x{200}…$/) });
  });

  it('names why a request got no response', () => {
    const refused = new TypeError('fetch failed', { cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }) });
    expect(describeRequestError(refused)).toBe('ECONNREFUSED');
    expect(describeRequestError(new DOMException('timed out', 'TimeoutError'))).toBe('no answer within the timeout');
    expect(describeRequestError(new Error('boom'))).toBe('boom');
  });
});
