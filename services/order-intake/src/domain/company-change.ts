import { type CooperationsNow, cooperationIdOf } from '@rs/contracts';
import { isJobcentre, jobcentreForMunicipality } from '@rs/reference-data';
import type { Actor } from './access';
import type { Address, Company, CompanyHistoryEntry, ContactPerson } from './company';
import { nameKey } from './company-name';
import { leadOutsideCooperation } from './lead';

/** What PATCH /companies/:id may change: any of these, the rest stays. The CVR and P-number are the key and never change. */
export interface CompanyChange {
  name?: string | undefined;
  address?: Address | undefined;
  municipality?: number | undefined;
  /** The whole list: a contact left out is removed. */
  contacts?: ContactPerson[] | undefined;
  /** A new lead jobcentre (tovholder), always with the reason it changes. */
  lead?: { jobcentre: number; reason: string } | undefined;
}

export type CompanyChangeDecision =
  /** `set`: the fields to write, as one update; `history`: the lines to add beside them. Empty: nothing differs. */
  { ok: true; set: Partial<Company>; history: CompanyHistoryEntry[] } | { ok: false; status: 400 | 403 | 404 | 422; message: string };

/**
 * Who changes a company's data (name, address, municipality, contacts): the phone line (it takes
 * the company's calls), the company's lead jobcentre and admins. A jobcentre that does not lead it
 * is told it does not exist, as for reading; the secretariat reads only.
 */
export function mayAmendCompany(actor: Actor, company: Pick<Company, 'leadJobcentre'>): 'yes' | 'forbidden' | 'hidden' {
  switch (actor.role) {
    case 'admin':
    case 'phone-line':
      return 'yes';
    case 'jobcentre':
      return actor.jobcentre === company.leadJobcentre ? 'yes' : 'hidden';
    case 'secretariat':
      return 'forbidden';
    case 'onboarding':
      return 'hidden';
  }
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * A change of a company, decided whole before anything is written: every field is checked first,
 * and a refusal changes nothing. Only what really differs is set and written to the history, so a
 * repeated PATCH (a retry) finds nothing to change and adds no line.
 *
 * A new lead (R1 "or the one the company chose"): its future orders go to the new lead; orders
 * registered before keep theirs until the old lead hands each over (POST /orders/:id/handover), so
 * a round in flight is never moved behind its lead's back. A move to another municipality keeps
 * the lead: changing it is a decision someone states, with a reason, not a side effect of an address.
 */
export function decideCompanyChange(
  actor: Actor & { sub: string },
  company: Company,
  change: CompanyChange,
  now: Date,
  cooperations: CooperationsNow,
): CompanyChangeDecision {
  const may = mayAmendCompany(actor, company);
  if (may === 'hidden') return { ok: false, status: 404, message: 'Company not found / Virksomheden findes ikke' };
  if (may === 'forbidden') {
    return {
      ok: false,
      status: 403,
      message:
        'Only the phone line, the lead jobcentre and admins change a company / Kun telefonlinjen, tovholderen og administratorer ændrer en virksomhed',
    };
  }
  const at = now.toISOString();
  const set: Partial<Company> = {};
  const fields: string[] = [];
  if (change.name !== undefined && change.name !== company.name) {
    set.name = change.name;
    set.nameKey = nameKey(change.name);
    fields.push('name');
  }
  if (change.address !== undefined && !same(change.address, company.address)) {
    set.address = change.address;
    fields.push('address');
  }
  const municipality = change.municipality ?? company.municipality;
  const municipalityJobcentre = jobcentreForMunicipality(municipality);
  if (municipalityJobcentre === undefined) {
    return { ok: false, status: 400, message: 'body.municipality: unknown municipality code / ukendt kommunekode' };
  }
  if (municipality !== company.municipality) {
    set.municipality = municipality;
    fields.push('municipality');
  }
  if (change.contacts !== undefined && !same(change.contacts, company.contacts)) {
    set.contacts = change.contacts;
    fields.push('contacts');
  }

  const history: CompanyHistoryEntry[] = [];
  if (fields.length > 0) history.push({ at, by: actor.sub, kind: 'amended', fields });

  let lead = company.leadJobcentre;
  if (change.lead && change.lead.jobcentre !== company.leadJobcentre) {
    if (!isJobcentre(change.lead.jobcentre)) {
      return { ok: false, status: 400, message: 'body.lead.jobcentre: not a jobcentre code / ikke en jobcenterkode' };
    }
    const outside = leadOutsideCooperation(actor, municipality, change.lead.jobcentre, 'body.lead.jobcentre', cooperations);
    if (outside) return { ok: false, status: 422, message: outside };
    lead = change.lead.jobcentre;
    set.leadJobcentre = lead;
    set.cooperation = cooperationIdOf(cooperations, lead) ?? null;
    history.push({ at, by: actor.sub, kind: 'lead-changed', from: company.leadJobcentre, to: lead, reason: change.lead.reason });
  }
  // The lead is "chosen" whenever it is not the jobcentre of the company's (possibly new) municipality.
  if (set.leadJobcentre !== undefined || set.municipality !== undefined) {
    const chosen = lead !== municipalityJobcentre;
    if (chosen !== company.leadChosen) set.leadChosen = chosen;
  }
  return { ok: true, set, history };
}
