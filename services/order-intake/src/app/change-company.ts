import { cooperationsAt } from '@rs/contracts';
import type { Actor } from '../domain/access';
import { type Company, companyVersion } from '../domain/company';
import { type CompanyChange, decideCompanyChange } from '../domain/company-change';
import type { CompanyDeps } from './company-deps';

export type ChangeCompanyResult =
  | { kind: 'changed'; company: Company }
  /** Nothing differed from what is stored (a retry, or the same values): nothing written. */
  | { kind: 'unchanged'; company: Company }
  | { kind: 'refused'; status: 400 | 403 | 404 | 422; message: string }
  /** If-Match named another version than the company's: nothing written (412). */
  | { kind: 'stale'; expected: number; current: number }
  /** Another change from the same version won at the same moment: nothing written (409, or 412 with If-Match). */
  | { kind: 'lost-race'; version: number };

/** A claim older than this whose change never reached the company was left by a crash: given back. */
export const STALE_CLAIM_MS = 30_000;

/**
 * PATCH /companies/:id: load → decide (every field checked, nothing written on a refusal) → claim
 * the next version → one update with the history lines beside the fields.
 *
 * Two PATCHes from the same version must not both win (the second would overwrite the first
 * unseen), and a guarded update is not atomic on FerretDB: so the change first claims
 * `<id>@<version + 1>` by a unique insert (as a hire claims its slot), and only the holder writes.
 * `ifMatch` is the version the client last read (its ETag): another version is refused as stale.
 */
export async function changeCompany(
  deps: CompanyDeps,
  actor: Actor & { sub: string },
  id: string,
  change: CompanyChange,
  ifMatch?: number,
): Promise<ChangeCompanyResult> {
  const company = await deps.companies.load(id);
  if (!company) return { kind: 'refused', status: 404, message: 'Company not found / Virksomheden findes ikke' };
  const now = deps.now();
  const decision = decideCompanyChange(actor, company, change, now, cooperationsAt(deps.cooperations(), now));
  if (!decision.ok) return { kind: 'refused', status: decision.status, message: decision.message };
  const version = companyVersion(company);
  if (ifMatch !== undefined && ifMatch !== version) return { kind: 'stale', expected: ifMatch, current: version };
  if (decision.history.length === 0) return { kind: 'unchanged', company };
  const next = version + 1;
  const at = deps.now().toISOString();
  let claim = await deps.companies.claimVersion(id, next, at);
  if (!claim.claimed && Date.parse(at) - Date.parse(claim.at) > STALE_CLAIM_MS) {
    // Claimed long ago and the company is still at the version before it: its holder died
    // between claim and write. Give it back and try once more.
    const now = await deps.companies.load(id);
    if (now && companyVersion(now) === version) {
      await deps.companies.releaseVersion(id, next, claim.at);
      claim = await deps.companies.claimVersion(id, next, at);
    }
  }
  if (!claim.claimed) return { kind: 'lost-race', version };
  const changed = await deps.companies.change(id, next, decision.set, decision.history);
  if (!changed) return { kind: 'refused', status: 404, message: 'Company not found / Virksomheden findes ikke' };
  return { kind: 'changed', company: changed };
}
