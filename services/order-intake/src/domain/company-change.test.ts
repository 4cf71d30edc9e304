import { type Company, decideCompany } from './company';
import { decideCompanyChange, mayAmendCompany } from './company-change';
import { cooperationsAt } from '@rs/contracts';
import { cooperationSeeds } from '@rs/reference-data';

/** The cooperations as seeded (HRS, JRS), on a December day. */
const COOPS = cooperationsAt(cooperationSeeds(), new Date('2026-12-01T12:00:00Z'));

const now = new Date('2026-12-01T10:00:00Z');
const registered = (): Company => {
  const d = decideCompany(
    { role: 'phone-line', sub: 'operator-1' },
    {
      cvr: '24256790',
      name: 'Dragør Havn ApS',
      address: { street: 'Havnen 1', postalCode: '2791', city: 'Dragør' },
      municipality: 155,
      contacts: [{ name: 'Mette Holm' }],
    },
    now,
    COOPS,
  );
  if (!d.ok) throw new Error(d.message);
  return d.company;
};
const operator = { role: 'phone-line' as const, sub: 'operator-1' };
const tårnby = { role: 'jobcentre' as const, jobcentre: 185, sub: 'c-185' };
const later = new Date('2026-12-02T09:00:00Z');

describe('changing a company', () => {
  it('sets only what differs, with one history line naming the fields; the same change again finds nothing', () => {
    const company = registered();
    const d = decideCompanyChange(operator, company, { name: 'Dragør Havn A/S', contacts: company.contacts }, later, COOPS);
    expect(d).toEqual({
      ok: true,
      set: { name: 'Dragør Havn A/S', nameKey: 'dragør havn a/s' },
      history: [{ at: later.toISOString(), by: 'operator-1', kind: 'amended', fields: ['name'] }],
    });
    expect(decideCompanyChange(operator, { ...company, name: 'Dragør Havn A/S' }, { name: 'Dragør Havn A/S' }, later, COOPS)).toEqual({
      ok: true,
      set: {},
      history: [],
    });
  });

  it('a new lead: the cooperation follows it, the lead is chosen, the line says from, to and why', () => {
    const d = decideCompanyChange(
      operator,
      registered(),
      { lead: { jobcentre: 101, reason: 'the company asked for København' } },
      later,
      COOPS,
    );
    expect(d).toEqual({
      ok: true,
      set: { leadJobcentre: 101, cooperation: 'HRS', leadChosen: true },
      history: [
        { at: later.toISOString(), by: 'operator-1', kind: 'lead-changed', from: 185, to: 101, reason: 'the company asked for København' },
      ],
    });
  });

  it('back to the municipality’s own jobcentre: no longer a chosen lead', () => {
    const company = { ...registered(), leadJobcentre: 101, leadChosen: true };
    const d = decideCompanyChange(tårnby, { ...company, leadJobcentre: 185 }, { lead: { jobcentre: 185, reason: 'same' } }, later, COOPS);
    expect(d).toMatchObject({ ok: true, history: [] });
    const back = decideCompanyChange(operator, company, { lead: { jobcentre: 185, reason: 'moved back' } }, later, COOPS);
    expect(back).toMatchObject({ ok: true, set: { leadJobcentre: 185, leadChosen: false } });
  });

  it('a move to another municipality keeps the lead (a new lead is stated, never a side effect)', () => {
    const d = decideCompanyChange(operator, registered(), { municipality: 101 }, later, COOPS);
    expect(d).toMatchObject({ ok: true, set: { municipality: 101, leadChosen: true } });
    expect(d.ok && d.set.leadJobcentre).toBeUndefined();
  });

  it('refuses the whole change for one bad field: nothing is set', () => {
    expect(decideCompanyChange(operator, registered(), { name: 'Ny', municipality: 998 }, later, COOPS)).toMatchObject({
      ok: false,
      status: 400,
      message: expect.stringMatching(/^body\.municipality: /),
    });
    expect(decideCompanyChange(operator, registered(), { name: 'Ny', lead: { jobcentre: 155, reason: 'x' } }, later, COOPS)).toMatchObject({
      ok: false,
      status: 400,
      message: expect.stringMatching(/^body\.lead\.jobcentre: /),
    });
  });

  it('who: the phone line, the lead and admins; another jobcentre is not told it exists; the secretariat reads only', () => {
    const company = registered();
    expect(mayAmendCompany({ role: 'admin' }, company)).toBe('yes');
    expect(mayAmendCompany(operator, company)).toBe('yes');
    expect(mayAmendCompany(tårnby, company)).toBe('yes');
    expect(mayAmendCompany({ role: 'jobcentre', jobcentre: 101 }, company)).toBe('hidden');
    expect(mayAmendCompany({ role: 'secretariat', cooperation: 'HRS' }, company)).toBe('forbidden');
    expect(mayAmendCompany({ role: 'onboarding', cooperation: 'HRS' }, company)).toBe('hidden');
    expect(decideCompanyChange({ role: 'jobcentre', jobcentre: 101, sub: 'c' }, company, { name: 'X' }, later, COOPS)).toMatchObject({
      ok: false,
      status: 404,
    });
  });
});

describe('who may choose a lead outside the cooperation of the company’s municipality', () => {
  const admin = { role: 'admin' as const, sub: 'admin-1' };
  it('the phone line and the lead choose within HRS for a Dragør company; outside it only an admin (422 naming the field)', () => {
    const company = registered();
    expect(decideCompanyChange(operator, company, { lead: { jobcentre: 101, reason: 'valgt' } }, later, COOPS)).toMatchObject({ ok: true });
    for (const actor of [operator, tårnby]) {
      const refused = decideCompanyChange(actor, company, { lead: { jobcentre: 253, reason: 'valgt' } }, later, COOPS);
      expect(refused).toMatchObject({
        ok: false,
        status: 422,
        message: expect.stringMatching(/^body\.lead\.jobcentre: 253 is not in HRS.* \/ 253 er ikke med i HRS/),
      });
    }
    expect(decideCompanyChange(admin, company, { lead: { jobcentre: 253, reason: 'valgt' } }, later, COOPS)).toMatchObject({
      ok: true,
      set: { leadJobcentre: 253, cooperation: 'JRS' },
    });
  });

  it('a company moving to a municipality of another cooperation is judged by the new one', () => {
    // Greve (253) is JRS: with the company moved there, a JRS lead is within, an HRS lead is not.
    const company = registered();
    expect(
      decideCompanyChange(operator, company, { municipality: 253, lead: { jobcentre: 259, reason: 'flyttet' } }, later, COOPS),
    ).toMatchObject({ ok: true });
    expect(
      decideCompanyChange(operator, company, { municipality: 253, lead: { jobcentre: 101, reason: 'flyttet' } }, later, COOPS),
    ).toMatchObject({
      ok: false,
      status: 422,
    });
  });

  it('at registration too: the phone line within the cooperation, a jobcentre of another cooperation not at all, an admin anywhere', () => {
    const input = {
      cvr: '24256790',
      name: 'Dragør Havn ApS',
      address: { street: 'Havnen 1', postalCode: '2791', city: 'Dragør' },
      municipality: 155,
      contacts: [],
    };
    expect(decideCompany(operator, { ...input, leadJobcentre: 101 }, now, COOPS)).toMatchObject({ ok: true });
    expect(decideCompany(operator, { ...input, leadJobcentre: 253 }, now, COOPS)).toMatchObject({
      ok: false,
      kind: 'outside-cooperation',
      message: expect.stringMatching(/^body\.leadJobcentre: /),
    });
    expect(decideCompany({ role: 'jobcentre', jobcentre: 253, sub: 'c-253' }, input, now, COOPS)).toMatchObject({
      ok: false,
      kind: 'outside-cooperation',
      message: expect.stringMatching(/^body\.municipality: /),
    });
    expect(decideCompany(admin, { ...input, leadJobcentre: 253 }, now, COOPS)).toMatchObject({ ok: true, company: { leadJobcentre: 253 } });
    // A municipality in no cooperation (Aarhus): its own jobcentre only, unless an admin chooses.
    expect(decideCompany(operator, { ...input, municipality: 751, leadJobcentre: 101 }, now, COOPS)).toMatchObject({
      ok: false,
      message: expect.stringContaining('in no cooperation'),
    });
  });
});
