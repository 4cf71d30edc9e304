import { addWorkingHours } from '@rs/working-time';
import { replyDeadline, windowMode, windowSeconds } from './deadline';

const addWorkingSeconds = (start: Date, seconds: number) => addWorkingHours(start, seconds / 3600);
const H48 = 48 * 3600;

describe('reply deadline (R6)', () => {
  it('pauses the 48 hours over a weekend in working time: Friday 15:00 is due Tuesday 15:00', () => {
    // 2026-11-27 is a Friday; 15:00 in Copenhagen is 14:00 UTC.
    const due = replyDeadline(new Date('2026-11-27T14:00:00Z'), H48, 'working-time', addWorkingSeconds);
    expect(due.toISOString()).toBe('2026-12-01T14:00:00.000Z');
  });

  it('pauses over Easter: Thursday 2027-03-25 (Skærtorsdag) to 2. påskedag count nothing', () => {
    // Wednesday 24 March 12:00 +01:00; Thu–Mon are closed; DST starts on the 28th.
    const due = replyDeadline(new Date('2027-03-24T11:00:00Z'), H48, 'working-time', addWorkingSeconds);
    expect(due.toISOString()).toBe('2027-03-31T10:00:00.000Z');
  });

  it('counts plain hours in clock mode', () => {
    expect(replyDeadline(new Date('2026-11-27T14:00:00Z'), H48, 'clock', addWorkingSeconds).toISOString()).toBe('2026-11-29T14:00:00.000Z');
  });

  it("uses the installation's override, else the cooperation's policy, else working time", () => {
    expect(windowMode({ seconds: 1, mode: 'clock' }, 'working-time')).toBe('clock');
    expect(windowMode({ seconds: 1 }, 'clock')).toBe('clock');
    expect(windowMode({ seconds: 1 }, undefined)).toBe('working-time');
  });

  it("takes the window's length from the installation's override, else the cooperation's policy, else 48 hours", () => {
    expect(windowSeconds({ seconds: 5 }, 24)).toBe(5);
    expect(windowSeconds({}, 24)).toBe(24 * 3600);
    expect(windowSeconds({}, undefined)).toBe(48 * 3600);
  });
});
