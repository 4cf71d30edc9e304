import { membersOn } from '@rs/contracts';
import { applyChange, changedFields, nextChairRotation, seedStates } from './cooperation';

const AT = new Date('2026-12-01T10:00:00Z');
const [HRS, JRS] = seedStates();

describe('the cooperations as data (R15)', () => {
  it('says when the chair is due to rotate, as a day that exists', () => {
    const chair = (since: string, rotationYears = 2) => ({ jobcentre: 151, since, rotationYears });
    expect(nextChairRotation(chair('2025-01-01'))).toBe('2027-01-01');
    expect(nextChairRotation(chair('0275-06-12'))).toBe('0277-06-12');
    expect(nextChairRotation(chair('2024-02-29'))).toBe('2026-03-01');
    expect(nextChairRotation(chair('2028-02-29', 4))).toBe('2032-02-29');
    expect(nextChairRotation(chair('9999-01-01'))).toBeNull();
    expect(nextChairRotation({ jobcentre: null, since: null, rotationYears: 2 })).toBeNull();
  });

  it('seeds HRS and JRS from the reference data: members, secretariat, chair, targets, policies', () => {
    expect(HRS).toMatchObject({ id: 'HRS', version: 1, secretariat: { jobcentre: 151 }, chair: { jobcentre: 151, rotationYears: 2 } });
    expect(HRS!.targets.placementsPerYear).toBe(500);
    expect(membersOn(HRS!, '2026-12-01')).toHaveLength(16);
    // Dragør is served by Tårnby, Ishøj by Vallensbæk.
    expect(HRS!.members.find((m) => m.jobcentre === 185)?.municipalities).toEqual([155, 185]);
    expect(HRS!.members.find((m) => m.jobcentre === 187)?.municipalities).toEqual([183, 187]);
    expect(JRS).toMatchObject({ id: 'JRS', secretariat: { jobcentre: null }, escalation: { notifySecretariat: false } });
    expect(HRS!.screeningPrinciples.map((p) => p.id)).toContain('availability');
  });

  it('moves the secretariat: a new version with who, when, why and what changed', () => {
    const outcome = applyChange(HRS!, { reason: 'Flyttet', secretariat: { jobcentre: 165, since: '2026-12-01' } }, [JRS!], 'admin-1', AT);
    expect(outcome.kind).toBe('changed');
    if (outcome.kind !== 'changed') return;
    expect(outcome.version.state).toMatchObject({
      version: 2,
      secretariat: { jobcentre: 165, since: '2026-12-01' },
      changedBy: 'admin-1',
      changedAt: AT.toISOString(),
      reason: 'Flyttet',
    });
    expect(outcome.version.changed).toEqual(['secretariat']);
    expect(HRS!.secretariat.jobcentre).toBe(151);
  });

  it('refuses a secretariat or chair outside the cooperation, naming the field', () => {
    const outcome = applyChange(HRS!, { reason: 'test', secretariat: { jobcentre: 253, since: '2026-12-01' } }, [JRS!], 'a', AT);
    expect(outcome).toMatchObject({ kind: 'refused', refusals: [{ field: 'body.secretariat.jobcentre' }] });
    const chair = applyChange(HRS!, { reason: 'test', chair: { jobcentre: 999, since: '2026-12-01' } }, [JRS!], 'a', AT);
    expect(chair).toMatchObject({ kind: 'refused', refusals: [{ field: 'body.chair.jobcentre' }] });
  });

  it('lets a member leave from a day and another join from a day; one cooperation at a time', () => {
    const left = applyChange(HRS!, { reason: 'udtræder', leave: { jobcentre: 190, from: '2027-01-01' } }, [JRS!], 'a', AT);
    if (left.kind !== 'changed') throw new Error(left.kind);
    expect(membersOn(left.version.state, '2026-12-31')).toContain(190);
    expect(membersOn(left.version.state, '2027-01-01')).not.toContain(190);
    const into = applyChange(JRS!, { reason: 'indtræder', join: { jobcentre: 190, from: '2027-01-01' } }, [left.version.state], 'a', AT);
    expect(into.kind).toBe('changed');
    const twice = applyChange(JRS!, { reason: 'indtræder', join: { jobcentre: 101, from: '2027-01-01' } }, [HRS!], 'a', AT);
    expect(twice).toMatchObject({ kind: 'refused', refusals: [{ field: 'body.join.jobcentre' }] });
    const host = applyChange(HRS!, { reason: 'x', leave: { jobcentre: 151, from: '2027-01-01' } }, [JRS!], 'a', AT);
    expect(host).toMatchObject({ kind: 'refused', refusals: [{ field: 'body.leave.jobcentre' }] });
  });

  it('refuses a change made on an older version, and changes nothing for a change to the same', () => {
    expect(applyChange(HRS!, { reason: 'x', expectedVersion: 3, targets: { placementsPerYear: 600 } }, [], 'a', AT)).toEqual({
      kind: 'conflict',
      current: 1,
    });
    expect(applyChange(HRS!, { reason: 'x', targets: { placementsPerYear: 500 } }, [], 'a', AT)).toEqual({ kind: 'unchanged' });
  });

  it('changes policies and tells which parts changed', () => {
    const outcome = applyChange(
      HRS!,
      { reason: 'politik', replyWindow: { mode: 'clock' }, escalation: { autoEscalate: true }, targets: { unfilledOrders: 2 } },
      [],
      'a',
      AT,
    );
    if (outcome.kind !== 'changed') throw new Error(outcome.kind);
    expect(outcome.version.state.replyWindow).toEqual({ hours: 48, mode: 'clock' });
    expect(changedFields(HRS!, outcome.version.state)).toEqual(['targets', 'replyWindow', 'escalation']);
  });

  it('says when the chair is next due to rotate (every second year)', () => {
    expect(nextChairRotation(HRS!.chair)).toBe('2027-01-01');
    expect(nextChairRotation(JRS!.chair)).toBeNull();
  });
});
