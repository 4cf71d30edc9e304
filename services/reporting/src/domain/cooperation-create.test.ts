import { CooperationState, membersOn } from '@rs/contracts';
import { allJobcentres } from '@rs/reference-data';
import { applyChange, seedStates } from './cooperation';
import { type CooperationCreation, createCooperation } from './cooperation-create';

const AT = new Date('2026-12-01T10:00:00Z');
const ALL = seedStates();
const [HRS, JRS] = ALL;
/** Region Nordjylland's jobcentres: in no cooperation so far. */
const NORDJYLLAND = allJobcentres()
  .filter((j) => j.regionCode === 1081)
  .map((j) => j.code);
const nrs = (more: Partial<CooperationCreation> = {}): CooperationCreation => ({
  id: 'NRS',
  name: 'Nordjyllands Rekrutteringsservice',
  members: NORDJYLLAND.map((jobcentre) => ({ jobcentre, from: '2027-01-01' })),
  reason: 'Nyt samarbejde / New cooperation',
  ...more,
});

describe('creating a cooperation (R15)', () => {
  it('makes version 1 with the seed policies for what it leaves out, every part named as set', () => {
    const outcome = createCooperation(nrs({ secretariat: { jobcentre: 851, since: '2027-01-01' } }), ALL, 'admin-1', AT);
    if (outcome.kind !== 'created') throw new Error(JSON.stringify(outcome));
    const { state, changed } = outcome.version;
    expect(CooperationState.parse(state)).toEqual(state);
    expect(state).toMatchObject({
      id: 'NRS',
      version: 1,
      established: '2027-01-01',
      secretariat: { jobcentre: 851, since: '2027-01-01' },
      chair: { jobcentre: null, since: null, rotationYears: 2 },
      targets: { placementsPerYear: null, unfilledOrders: 0 },
      replyWindow: { hours: 48, mode: 'working-time' },
      escalation: { autoEscalate: false, notifySecretariat: true },
      changedBy: 'admin-1',
      changedAt: AT.toISOString(),
    });
    expect(state.screeningPrinciples).toEqual(HRS!.screeningPrinciples);
    expect(membersOn(state, '2027-01-01')).toEqual(NORDJYLLAND);
    expect(membersOn(state, '2026-12-31')).toEqual([]);
    expect(changed).toEqual(['members', 'secretariat', 'chair', 'targets', 'replyWindow', 'escalation', 'screeningPrinciples']);
  });

  it('takes an id once', () => {
    expect(createCooperation(nrs({ id: 'HRS' }), ALL, 'a', AT)).toEqual({ kind: 'exists' });
  });

  it('refuses, each at its field: no members, an unknown code, a jobcentre twice, a member of another cooperation, an office outside', () => {
    expect(createCooperation(nrs({ members: [] }), ALL, 'a', AT)).toMatchObject({ kind: 'refused', refusals: [{ field: 'body.members' }] });
    const bad = createCooperation(
      nrs({
        members: [
          { jobcentre: 851, from: '2027-01-01' },
          { jobcentre: 999, from: '2027-01-01' },
          { jobcentre: 851, from: '2027-01-01' },
          { jobcentre: 101, from: '2027-01-01' },
        ],
        secretariat: { jobcentre: 860, since: '2027-01-01' },
        chair: { jobcentre: 851, since: '2027-01-01' },
      }),
      ALL,
      'a',
      AT,
    );
    expect(bad.kind === 'refused' && bad.refusals.map((r) => r.field)).toEqual([
      'body.members.1.jobcentre',
      'body.members.2.jobcentre',
      'body.members.3.jobcentre',
      'body.secretariat.jobcentre',
    ]);
    expect(bad.kind === 'refused' && bad.refusals[2]).toMatchObject({ en: expect.stringContaining('another cooperation') });
  });

  it('lets a jobcentre in from the day it has left its cooperation, not before', () => {
    const left = applyChange(HRS!, { reason: 'udtræder', leave: { jobcentre: 190, from: '2027-01-01' } }, [JRS!], 'a', AT);
    if (left.kind !== 'changed') throw new Error(left.kind);
    const now = [left.version.state, JRS!];
    const from = (day: string) => nrs({ members: [{ jobcentre: 190, from: day }] });
    expect(createCooperation(from('2027-01-01'), now, 'a', AT).kind).toBe('created');
    expect(createCooperation(from('2026-12-15'), now, 'a', AT)).toMatchObject({
      kind: 'refused',
      refusals: [{ field: 'body.members.0.jobcentre' }],
    });
  });
});
