import { localDay } from '@rs/working-time';
import type { Actor } from '../domain/access';
import { silenceMeansNoneOn } from '../domain/agreement';
import { type Company, mayReadCompany } from '../domain/company';
import type { CompanyDeps } from './company-deps';

/** What an order registered for a stored company takes from it (R1: every order of a company goes to its lead). */
export interface CompanyOrderTerms {
  company: Company;
  leadJobcentre: number;
  cooperation: string | null;
  /** An agreement in force says jobcentres without candidates need not reply (R6). */
  silenceMeansNone: boolean;
}

/**
 * The lead, cooperation and agreed terms of an order for a registered company. A company the
 * caller may not see is reported as missing (undefined), so its existence is not disclosed.
 */
export async function companyOrderTerms(deps: CompanyDeps, actor: Actor, companyId: string): Promise<CompanyOrderTerms | undefined> {
  const company = await deps.companies.load(companyId);
  if (!company || !mayReadCompany(actor, company)) return undefined;
  // An agreement's period is in Danish calendar days: just after midnight in Copenhagen it is already tomorrow there.
  const today = localDay(deps.now()).key;
  const agreements = await deps.agreements.ofCompany(company.id);
  return {
    company,
    leadJobcentre: company.leadJobcentre,
    cooperation: company.cooperation,
    silenceMeansNone: silenceMeansNoneOn(agreements, today),
  };
}

/** The company as an order stores it. */
export function orderCompany(company: Company): { id: string; name: string; cvr: string; municipality: number } {
  return { id: company.id, name: company.name, cvr: company.cvr, municipality: company.municipality };
}
