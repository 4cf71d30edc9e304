import type { CooperationsNow } from '@rs/contracts';
import type { Actor } from './access';
import { nameKey } from './company-name';
import { type LeadDecision, leadJobcentreFor, leadOutsideCooperation } from './lead';

/** A person at the company the jobcentre talks to. */
export interface ContactPerson {
  name: string;
  role?: string | undefined;
  phone?: string | undefined;
  email?: string | undefined;
}

export interface Address {
  street: string;
  postalCode: string;
  city: string;
}

/** One line of a company's history: who changed what, when (and for a new lead, from which, to which, and why). */
export interface CompanyHistoryEntry {
  at: string;
  by: string;
  kind: 'amended' | 'lead-changed';
  /** The fields that changed (amended). */
  fields?: string[] | undefined;
  from?: number | undefined;
  to?: number | undefined;
  reason?: string | undefined;
}

/**
 * A company (virksomhed) the cooperation serves. Its lead jobcentre (tovholder, R1) is a property
 * of the company, not of each order: every order of the company goes to the same lead.
 */
export interface Company {
  /** The CVR number, or `<cvr>-<p-number>` for one workplace of it: the same company twice is one insert. */
  id: string;
  cvr: string;
  pNumber?: string | undefined;
  name: string;
  /** The name as searched (company-name.ts). */
  nameKey: string;
  address: Address;
  municipality: number;
  leadJobcentre: number;
  /** Whether the company chose its lead (else it is the jobcentre of its municipality). */
  leadChosen: boolean;
  /** The lead's cooperation, when it has one: its secretariat reads the company. */
  cooperation: string | null;
  contacts: ContactPerson[];
  createdAt: string;
  createdBy: string;
  /** Every change since registration, oldest first (PATCH /companies/:id); none on a company never changed. */
  history?: CompanyHistoryEntry[] | undefined;
  /**
   * 1 at registration, one more for each change that changed something: the ETag a PATCH names in
   * If-Match. Absent on a company stored before versions were kept (read as 1, see companyVersion).
   */
  version?: number | undefined;
}

/** The company's version (its ETag): a company stored before versions were kept is at 1. */
export function companyVersion(company: Pick<Company, 'version'>): number {
  return company.version ?? 1;
}

export function companyId(cvr: string, pNumber?: string): string {
  return pNumber ? `${cvr}-${pNumber}` : cvr;
}

export interface NewCompany {
  cvr: string;
  pNumber?: string | undefined;
  name: string;
  address: Address;
  municipality: number;
  /** R1: the jobcentre the company chose, if it chose one. */
  leadJobcentre?: number | undefined;
  contacts: ContactPerson[];
}

export type CompanyDecision =
  | { ok: true; company: Company }
  | Extract<LeadDecision, { ok: false }>
  /** A lead outside the cooperation of the company's municipality, chosen by someone other than an admin (422). */
  | { ok: false; kind: 'outside-cooperation'; message: string };

/**
 * R1 for a company: the jobcentre of its municipality (Dragør → Tårnby, Ishøj → Vallensbæk) or
 * the one it chose. A jobcentre that registers a company becomes its lead (the company chose
 * it); the phone line may name one within the cooperation of the company's municipality, an admin
 * any jobcentre (leadOutsideCooperation). Who may register: see mayRegisterCompany.
 */
export function decideCompany(
  actor: Actor & { sub: string },
  input: NewCompany,
  now: Date,
  cooperations: CooperationsNow,
): CompanyDecision {
  const registrar = actor.role === 'jobcentre' ? actor : { role: 'phone-line' as const };
  const lead = leadJobcentreFor(
    registrar,
    {
      companyMunicipality: input.municipality,
      ...(input.leadJobcentre !== undefined ? { leadJobcentre: input.leadJobcentre } : {}),
    },
    cooperations,
  );
  // lead.ts names the fields of an order's body; a company's municipality is at the top of its own.
  if (!lead.ok) return { ...lead, message: lead.message.replace(/^body\.company\.municipality/, 'body.municipality') };
  // A jobcentre registering leads itself: then the company's municipality is what lies outside.
  const outside = leadOutsideCooperation(
    actor,
    input.municipality,
    lead.lead,
    input.leadJobcentre !== undefined && actor.role !== 'jobcentre' ? 'body.leadJobcentre' : 'body.municipality',
    cooperations,
  );
  if (outside) return { ok: false, kind: 'outside-cooperation', message: outside };
  return {
    ok: true,
    company: {
      id: companyId(input.cvr, input.pNumber),
      cvr: input.cvr,
      ...(input.pNumber ? { pNumber: input.pNumber } : {}),
      name: input.name,
      nameKey: nameKey(input.name),
      address: input.address,
      municipality: input.municipality,
      leadJobcentre: lead.lead,
      leadChosen: input.leadJobcentre !== undefined || actor.role === 'jobcentre',
      cooperation: lead.cooperation,
      contacts: input.contacts,
      createdAt: now.toISOString(),
      createdBy: actor.sub,
      version: 1,
    },
  };
}

/** Whether the stored company is what this request would create (a retry), not another company under the same CVR. */
export function sameCompany(a: Company, b: Company): boolean {
  const essence = (c: Company) =>
    JSON.stringify([c.cvr, c.pNumber ?? null, c.name, c.address, c.municipality, c.leadJobcentre, c.contacts]);
  return essence(a) === essence(b);
}

/** Who registers companies: the phone line, jobcentres (as their lead) and admins. */
export function mayRegisterCompany(actor: Actor): boolean {
  return actor.role === 'phone-line' || actor.role === 'jobcentre' || actor.role === 'admin';
}

/**
 * Who sees a company: the phone line and admins all; a jobcentre the companies it leads; a
 * secretariat those of its cooperation. The onboarding consultant works follow-ups, not companies.
 */
export function mayReadCompany(actor: Actor, company: Pick<Company, 'leadJobcentre' | 'cooperation'>): boolean {
  switch (actor.role) {
    case 'admin':
    case 'phone-line':
      return true;
    case 'jobcentre':
      return actor.jobcentre === company.leadJobcentre;
    case 'secretariat':
      return actor.cooperation === company.cooperation;
    case 'onboarding':
      return false;
  }
}

/** The companies a list shows an actor (undefined: none at all). */
export function companyListFilter(actor: Actor): { leadJobcentre?: number; cooperation?: string } | undefined {
  if (actor.role === 'jobcentre') return { leadJobcentre: actor.jobcentre };
  if (actor.role === 'secretariat') return { cooperation: actor.cooperation };
  if (actor.role === 'onboarding') return undefined;
  return {};
}

/** Who makes recruitment agreements with a company: its lead jobcentre, or an admin. */
export function mayMakeAgreement(actor: Actor, company: Pick<Company, 'leadJobcentre'>): boolean {
  return actor.role === 'admin' || (actor.role === 'jobcentre' && actor.jobcentre === company.leadJobcentre);
}
