import { cooperationsAt } from '@rs/contracts';
import type { Actor } from '../domain/access';
import { type Company, decideCompany, type NewCompany, sameCompany } from '../domain/company';
import type { CompanyDeps } from './company-deps';

export type RegisterCompanyResult =
  | { kind: 'created'; company: Company }
  /** The same company was registered before (a retry): the stored one. */
  | { kind: 'existing'; company: Company }
  /** Another company is registered under this CVR (and P-number). */
  | { kind: 'conflict'; company: Company }
  | { kind: 'refused'; status: 400 | 403 | 422; message: string };

/**
 * Registers a company (R1: its lead follows from its municipality or its choice). The CVR number
 * (with its P-number) is the key, so the same company registered twice — a retry, or two
 * operators at once — is one insert; a different company under the same number is a conflict.
 */
export async function registerCompany(
  deps: CompanyDeps,
  actor: Actor & { sub: string },
  input: NewCompany,
): Promise<RegisterCompanyResult> {
  const prepared = await prepareCompany(deps, actor, input);
  return prepared.kind === 'new' ? insertCompany(deps, prepared.company) : prepared;
}

/**
 * Everything of a registration but the insert: the decided company (`new`, not stored yet), or
 * what is stored under its key. Lets a use case that registers a company as one step of more
 * (the phone line's call) check every other step first and insert last.
 */
export async function prepareCompany(
  deps: CompanyDeps,
  actor: Actor & { sub: string },
  input: NewCompany,
): Promise<Exclude<RegisterCompanyResult, { kind: 'created' }> | { kind: 'new'; company: Company }> {
  const now = deps.now();
  const decision = decideCompany(actor, input, now, cooperationsAt(deps.cooperations(), now));
  if (!decision.ok) {
    const status = decision.kind === 'forbidden' ? 403 : decision.kind === 'outside-cooperation' ? 422 : 400;
    return { kind: 'refused', status, message: decision.message };
  }
  const company = decision.company;
  const stored = await deps.companies.load(company.id);
  if (!stored) return { kind: 'new', company };
  return sameCompany(stored, company) ? { kind: 'existing', company: stored } : { kind: 'conflict', company: stored };
}

/** The insert of a prepared company; the same company inserted meanwhile is `existing`. */
export async function insertCompany(deps: CompanyDeps, company: Company): Promise<Exclude<RegisterCompanyResult, { kind: 'refused' }>> {
  if (await deps.companies.insert(company)) return { kind: 'created', company };
  const stored = await deps.companies.load(company.id);
  if (!stored) throw new Error(`company ${company.id}: the insert met a key that is not there`);
  return sameCompany(stored, company) ? { kind: 'existing', company: stored } : { kind: 'conflict', company: stored };
}
