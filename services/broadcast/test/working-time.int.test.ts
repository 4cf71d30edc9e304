import { jobcentreToken, type RunningService, registerOrder, type TestPlatform, testPlatform, waitFor } from '@rs/testkit';
import request from 'supertest';

/**
 * The 48-hour rule counts working time (R6): a round opened on a weekend or a holiday starts
 * counting on the next working day. The service's clock is started on such a day (TEST_CLOCK_START)
 * and the window is a few seconds, so the deadline is exact whatever the real date.
 */
describe('reply deadline in working time', () => {
  let platform: TestPlatform;
  let intake: RunningService;
  const lead = jobcentreToken(101);

  beforeAll(async () => {
    platform = await testPlatform();
    intake = await platform.start('order-intake');
  }, 60_000);
  afterAll(() => platform.dispose());

  async function deadlineOfRoundOpenedAt(clockStart: string): Promise<string> {
    const broadcast = await platform.start('broadcast', {
      TEST_CLOCK_START: clockStart,
      REPLY_WINDOW_SECONDS: '5',
      REMINDER_OFFSETS_SECONDS: 'none',
    });
    try {
      const orderId = await registerOrder(intake, lead, {
        company: { name: 'Kantinen', municipality: 101 },
        title: 'Kok',
        occupation: '5120',
      });
      const opened = await waitFor(
        async () => {
          const res = await request(broadcast.url)
            .post('/rounds')
            .set('authorization', `Bearer ${lead}`)
            .send({ orderId, scope: 'cooperation' });
          return res.status === 201 ? res.body : undefined;
        },
        { what: 'the round to open' },
      );
      return opened.deadline;
    } finally {
      await broadcast.stop();
    }
  }

  it('pauses over the weekend: opened on a Saturday, due 5 s into Monday (HRS policy, Copenhagen time)', async () => {
    // Saturday 2026-11-28 12:00 CET.
    expect(await deadlineOfRoundOpenedAt('2026-11-28T11:00:00Z')).toBe('2026-11-29T23:00:05.000Z');
  }, 60_000);

  it('pauses over Easter: opened on Good Friday 2027, due 5 s into the Tuesday after (summer time by then)', async () => {
    // Langfredag 2027-03-26 12:00 CET; Påskedag 28th, 2. påskedag 29th; CEST from the 28th.
    expect(await deadlineOfRoundOpenedAt('2027-03-26T11:00:00Z')).toBe('2027-03-29T22:00:05.000Z');
  }, 60_000);
});
