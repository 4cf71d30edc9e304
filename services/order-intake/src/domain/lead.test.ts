import { leadJobcentreFor } from './lead';
import { cooperationsAt } from '@rs/contracts';
import { cooperationSeeds } from '@rs/reference-data';

/** The cooperations as seeded (HRS, JRS), on a December day. */
const COOPS = cooperationsAt(cooperationSeeds(), new Date('2026-12-01T12:00:00Z'));

describe('R1: the lead jobcentre of an order', () => {
  it('a jobcentre leads the orders it registers, and only those', () => {
    expect(leadJobcentreFor({ role: 'jobcentre', jobcentre: 147 }, { companyMunicipality: 101 }, COOPS)).toEqual({
      ok: true,
      lead: 147,
      cooperation: 'HRS',
      municipality: 101,
    });
    expect(leadJobcentreFor({ role: 'jobcentre', jobcentre: 147 }, { companyMunicipality: 101, leadJobcentre: 101 }, COOPS)).toMatchObject({
      ok: false,
      kind: 'forbidden',
    });
  });

  it("the phone line registers for the jobcentre the company chose, else its municipality's (Dragør's is Tårnby)", () => {
    expect(leadJobcentreFor({ role: 'phone-line' }, { companyMunicipality: 155 }, COOPS)).toMatchObject({ ok: true, lead: 185 });
    expect(leadJobcentreFor({ role: 'phone-line' }, { companyMunicipality: 155, leadJobcentre: 101 }, COOPS)).toMatchObject({
      ok: true,
      lead: 101,
    });
    // 155 is a municipality, not a jobcentre.
    expect(leadJobcentreFor({ role: 'phone-line' }, { companyMunicipality: 101, leadJobcentre: 155 }, COOPS)).toMatchObject({
      ok: false,
      kind: 'invalid',
      message: 'body.leadJobcentre: not a jobcentre code',
    });
  });

  it('refuses unknown municipalities, other roles, and a cooperation round for a lead in no cooperation', () => {
    expect(leadJobcentreFor({ role: 'phone-line' }, { companyMunicipality: 999 }, COOPS)).toMatchObject({ ok: false, kind: 'invalid' });
    expect(leadJobcentreFor({ role: 'phone-line' }, { companyMunicipality: 101, jobMunicipality: 998 }, COOPS)).toMatchObject({
      ok: false,
      message: 'body.municipality: unknown municipality code',
    });
    expect(leadJobcentreFor({ role: 'secretariat' }, { companyMunicipality: 101 }, COOPS)).toMatchObject({ ok: false, kind: 'forbidden' });
    expect(
      leadJobcentreFor({ role: 'jobcentre', jobcentre: 201 }, { companyMunicipality: 201, broadcastScope: 'cooperation' }, COOPS),
    ).toMatchObject({
      ok: false,
      kind: 'no-cooperation',
    });
    expect(
      leadJobcentreFor({ role: 'jobcentre', jobcentre: 201 }, { companyMunicipality: 201, broadcastScope: 'national' }, COOPS),
    ).toMatchObject({
      ok: true,
      cooperation: null,
    });
  });
});
