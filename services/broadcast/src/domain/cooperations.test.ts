import type { CooperationState } from '@rs/contracts';
import { cooperationSeeds } from '@rs/reference-data';
import { cooperationOfOn, roundRecipients, secretariatFor } from './cooperations';

const seeds: CooperationState[] = cooperationSeeds();

describe('rounds follow the cooperations passed in', () => {
  it('asks the other members of the lead’s cooperation on the day', () => {
    const hrs = roundRecipients(seeds, 'cooperation', 101, '2026-12-01');
    expect(hrs).toHaveLength(15);
    expect(hrs).not.toContain(101);
    // Albertslund (165) leaves HRS from 2027: a round opened after that does not ask it.
    const changed = seeds.map((c) =>
      c.id === 'HRS' ? { ...c, members: c.members.map((m) => (m.jobcentre === 165 ? { ...m, until: '2027-01-01' } : m)) } : c,
    );
    expect(roundRecipients(changed, 'cooperation', 101, '2026-12-31')).toContain(165);
    expect(roundRecipients(changed, 'cooperation', 101, '2027-01-01')).not.toContain(165);
    expect(() => roundRecipients(changed, 'cooperation', 165, '2027-01-02')).toThrow(/no cooperation/);
    expect(roundRecipients(seeds, 'east-denmark', 101, '2026-12-01', hrs)).not.toContain(147);
  });

  it('sends secretariat notices to the secretariat’s jobcentre when the policy asks, never to the lead itself', () => {
    const hrs = cooperationOfOn(seeds, 101, '2026-12-01');
    expect(secretariatFor(hrs, 101)).toBe(151);
    expect(secretariatFor(hrs, 151)).toBeUndefined();
    expect(secretariatFor(cooperationOfOn(seeds, 253, '2026-12-01'), 253)).toBeUndefined();
    expect(secretariatFor(hrs && { ...hrs, escalation: { ...hrs.escalation, notifySecretariat: false } }, 101)).toBeUndefined();
  });
});
