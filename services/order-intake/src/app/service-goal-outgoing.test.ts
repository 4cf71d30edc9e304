import { noticeText } from '../domain/service-goals';
import { dueLocal } from './service-goal-outgoing';

describe('the service-goal notice', () => {
  it('gives the due time in Copenhagen time, each language in its own date format', () => {
    const text = noticeText('dialogue', 'warning', dueLocal(new Date('2026-12-02T09:00:00.000Z')));
    expect(text.da).toContain('udløber 2. dec. 2026, 10.00.');
    expect(text.en).toContain('falls due 2 Dec 2026, 10:00.');
  });
});
