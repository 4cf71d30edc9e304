import { cooperationSeeds } from '@rs/reference-data';
import { creationFromForm, errorsAtFields, freeJobcentres, NewCooperationForm } from './cooperation-new-form';

const form = (more: Record<string, unknown> = {}) =>
  NewCooperationForm.parse({
    _csrf: 'x',
    idempotencyKey: 'k-1',
    id: ' NRS ',
    name: 'Nordjyllands Rekrutteringsservice',
    from: '2027-01-01',
    members: ['851', '860'],
    secretariat: '851',
    replyHours: '48',
    replyMode: 'working-time',
    notifySecretariat: 'on',
    reason: 'Nyt samarbejde',
    ...more,
  });

describe('the new-cooperation form', () => {
  it('becomes POST /cooperations: members from the day, offices from the same day, the policies as set', () => {
    expect(creationFromForm(form())).toEqual({
      id: 'NRS',
      name: 'Nordjyllands Rekrutteringsservice',
      members: [
        { jobcentre: 851, from: '2027-01-01' },
        { jobcentre: 860, from: '2027-01-01' },
      ],
      secretariat: { jobcentre: 851, since: '2027-01-01' },
      targets: { placementsPerYear: null },
      replyWindow: { hours: 48, mode: 'working-time' },
      escalation: { autoEscalate: false, notifySecretariat: true },
      reason: 'Nyt samarbejde',
    });
    // One ticked box arrives as a string, none as nothing.
    expect(creationFromForm(form({ members: '851' })).members).toEqual([{ jobcentre: 851, from: '2027-01-01' }]);
    expect(creationFromForm(form({ members: undefined })).members).toEqual([]);
  });

  it('puts the API’s errors at the form’s fields, a member’s naming its jobcentre', () => {
    const { errors, general } = errorsAtFields(
      {
        'members.1.jobcentre': 'Medlem af et andet samarbejde',
        'members.0.from': 'ugyldig dato',
        'secretariat.jobcentre': 'Skal være medlem af samarbejdet',
        reason: 'angiv hvorfor',
        screeningPrinciples: 'Hvert id kun én gang',
      },
      form(),
    );
    expect(errors).toEqual({
      members: 'Hjørring: Medlem af et andet samarbejde',
      from: 'ugyldig dato',
      secretariat: 'Skal være medlem af samarbejdet',
      reason: 'angiv hvorfor',
    });
    expect(general).toEqual(['Hvert id kun én gang']);
  });

  it('offers the jobcentres in no cooperation today, by region', () => {
    const regions = freeJobcentres(cooperationSeeds(), new Date('2026-12-01T10:00:00Z'));
    const offered = regions.flatMap((r) => r.jobcentres.map((j) => j.code));
    expect(offered).toContain(851);
    expect(offered).not.toContain(101);
    expect(offered).toHaveLength(new Set(offered).size);
    expect(regions.find((r) => r.regionCode === 1081)?.jobcentres.map((j) => j.name)).toContain('Aalborg');
  });
});
