import type { Actor } from '../domain/access';
import type { Company } from '../domain/company';
import { type CompanyChange, decideCompanyChange } from '../domain/company-change';
import type { CompanyDeps } from './company-deps';

export type ChangeCompanyResult =
  | { kind: 'changed'; company: Company }
  /** Nothing differed from what is stored (a retry, or the same values): nothing written. */
  | { kind: 'unchanged'; company: Company }
  | { kind: 'refused'; status: 400 | 403 | 404; message: string };

/**
 * PATCH /companies/:id: load → decide (every field checked, nothing written on a refusal) → one
 * update with the history lines beside the fields.
 */
export async function changeCompany(
  deps: CompanyDeps,
  actor: Actor & { sub: string },
  id: string,
  change: CompanyChange,
): Promise<ChangeCompanyResult> {
  const company = await deps.companies.load(id);
  if (!company) return { kind: 'refused', status: 404, message: 'Company not found / Virksomheden findes ikke' };
  const decision = decideCompanyChange(actor, company, change, deps.now());
  if (!decision.ok) return { kind: 'refused', status: decision.status, message: decision.message };
  if (decision.history.length === 0) return { kind: 'unchanged', company };
  const changed = await deps.companies.change(id, decision.set, decision.history);
  if (!changed) return { kind: 'refused', status: 404, message: 'Company not found / Virksomheden findes ikke' };
  return { kind: 'changed', company: changed };
}
