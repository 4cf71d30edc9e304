import { describeDeadLetter } from '@rs/bus';
import { RS_HEADERS } from '@rs/contracts';
import { deadLetterRow, redactPersonal, renderDeadLetter, renderDeadLetterTable } from './dead-letter-view';

const body = Buffer.from(
  JSON.stringify({
    type: 'dk.rekrutteringsservice.round.reply.v1',
    data: { candidates: [{ candidateRef: 'c-1', summary: 'Anna, SOSU' }] },
  }),
);

describe('dead-letter views', () => {
  const byConsumer = describeDeadLetter('broadcast.replies.dead-letter', body, {
    messageId: 'm-1',
    headers: {
      [RS_HEADERS.deadLetterReason]: 'retries-exhausted: connection refused',
      [RS_HEADERS.originalQueue]: 'broadcast.replies',
      [RS_HEADERS.deadLetteredAt]: '2026-12-01T10:00:00.000Z',
      [RS_HEADERS.attempts]: 9,
      [RS_HEADERS.originalUserId]: 'jobcentre-147',
    },
  } as never);
  const byBroker = describeDeadLetter('jobcentres.dead-letter', Buffer.from('{"x":1}'), {
    messageId: 'm-2',
    userId: 'jobcentre-151',
    headers: {
      // A header a connector could have written: never believed next to x-death.
      [RS_HEADERS.originalUserId]: 'jobcentre-101',
      'x-death': [{ queue: 'jobcentre.147', reason: 'rejected', time: { '!': 'timestamp', value: 1796115390 } }],
    },
  } as never);

  it('reads what a consumer wrote, and what the broker wrote in x-death', () => {
    expect(deadLetterRow(byConsumer)).toMatchObject({
      id: 'm-1',
      type: 'dk.rekrutteringsservice.round.reply.v1',
      originalQueue: 'broadcast.replies',
      reason: 'retries-exhausted: connection refused',
      at: '2026-12-01T10:00:00.000Z',
      attempts: 9,
      sender: 'jobcentre-147',
      by: 'consumer',
    });
    expect(deadLetterRow(byBroker)).toMatchObject({
      id: 'm-2',
      originalQueue: 'jobcentre.147',
      reason: 'broker: rejected',
      at: new Date(1796115390 * 1000).toISOString(),
      sender: 'jobcentre-151',
      by: 'broker',
    });
  });

  it('prints a table with one row per message', () => {
    const lines = renderDeadLetterTable([byConsumer, byBroker]);
    expect(lines[0]).toMatch(/^id\s+type\s+original queue\s+reason\s+dead-lettered at$/);
    expect(lines).toHaveLength(5);
    expect(lines.at(-1)).toBe('2 dead letter(s)');
  });

  it('redacts candidate summaries unless asked for in full', () => {
    expect(redactPersonal({ a: [{ summary: 'x', note: 'y', candidateRef: 'c' }] })).toEqual({
      a: [{ summary: '[redacted]', note: '[redacted]', candidateRef: 'c' }],
    });
    expect(renderDeadLetter(byConsumer, false).join('\n')).not.toContain('Anna');
    expect(renderDeadLetter(byConsumer, true).join('\n')).toContain('Anna');
  });
});
