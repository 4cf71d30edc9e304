import { EXCHANGES, RS_HEADERS } from '@rs/contracts';
import type { MessageProperties } from 'amqplib';
import { describeDeadLetter } from './dead-letters';

/** A dead letter the broker made (delivery limit), last published to `exchange`. */
const brokerMade = (exchange: string, extra: Partial<MessageProperties> = {}): MessageProperties =>
  ({
    messageId: 'm-1',
    headers: {
      [RS_HEADERS.originalUserId]: 'jobcentre-151',
      'x-death': [{ queue: 'broadcast.replies', reason: 'delivery_limit', exchange, count: 1 }],
    },
    ...extra,
  }) as unknown as MessageProperties;

describe('describeDeadLetter: the sender of a broker-made dead letter', () => {
  it('is the x-rs-original-user-id of a retry copy, which last came through rs.retry', () => {
    expect(describeDeadLetter('broadcast.replies.dead-letter', Buffer.from('{}'), brokerMade(EXCHANGES.retry)).sender).toBe(
      'jobcentre-151',
    );
  });

  it('is never that header on what came from elsewhere (a connector can write any header)', () => {
    expect(describeDeadLetter('q.dead-letter', Buffer.from('{}'), brokerMade(EXCHANGES.connectors)).sender).toBeUndefined();
  });

  it('is the broker-validated user_id when there is one', () => {
    const props = brokerMade(EXCHANGES.connectors, { userId: 'jobcentre-147' });
    expect(describeDeadLetter('q.dead-letter', Buffer.from('{}'), props).sender).toBe('jobcentre-147');
  });
});
