import type { Actor } from '../domain/access';
import { type FundAgreement, periodRefusal, type RecruitmentAgreement } from '../domain/agreement';
import { mayMakeAgreement, mayReadCompany } from '../domain/company';
import type { CompanyDeps } from './company-deps';
import { keyedId } from './keyed-id';
import { fundAgreementRecorded, recruitmentAgreementRecorded } from './reported-events';

export type AgreementResult<T> =
  | { kind: 'created'; agreement: T }
  | { kind: 'existing'; agreement: T }
  | { kind: 'refused'; status: 400 | 403 | 404 | 422; message: string };

type Once = { principal: string; key: string } | undefined;

/** Records a recruitment agreement with a company: its lead jobcentre (or an admin) does. */
export async function recordRecruitmentAgreement(
  deps: CompanyDeps,
  actor: Actor & { sub: string },
  companyId: string,
  input: Pick<RecruitmentAgreement, 'period' | 'expectedHires' | 'terms'>,
  once: Once,
): Promise<AgreementResult<RecruitmentAgreement>> {
  const company = await deps.companies.load(companyId);
  if (!company || !mayReadCompany(actor, company))
    return { kind: 'refused', status: 404, message: 'Company not found / Virksomheden findes ikke' };
  if (!mayMakeAgreement(actor, company)) {
    return {
      kind: 'refused',
      status: 403,
      message: "Only the company's lead jobcentre makes its agreements / Kun virksomhedens tovholder indgår dens aftaler",
    };
  }
  const refusal = periodRefusal(input.period);
  if (refusal) return { kind: 'refused', status: 400, message: refusal };
  const agreement: RecruitmentAgreement = {
    id: once ? keyedId('agreement', once.principal, once.key) : deps.newId(),
    companyId: company.id,
    leadJobcentre: company.leadJobcentre,
    cooperation: company.cooperation,
    ...input,
    createdAt: deps.now().toISOString(),
    createdBy: actor.sub,
  };
  if (await deps.agreements.insert(agreement, [recruitmentAgreementRecorded(agreement)])) return { kind: 'created', agreement };
  const stored = await deps.agreements.load(agreement.id);
  if (!stored) throw new Error(`agreement ${agreement.id}: the insert met a key that is not there`);
  return { kind: 'existing', agreement: stored };
}

/** Who records agreements with unemployment funds: the cooperation's secretariat, or an admin. */
export async function recordFundAgreement(
  deps: CompanyDeps,
  actor: Actor & { sub: string },
  input: Omit<FundAgreement, 'id' | 'createdAt' | 'createdBy'>,
  once: Once,
): Promise<AgreementResult<FundAgreement>> {
  const allowed = actor.role === 'admin' || (actor.role === 'secretariat' && actor.cooperation === input.cooperation);
  if (!allowed) {
    return {
      kind: 'refused',
      status: 403,
      message:
        "Only the cooperation's secretariat records its a-kasse agreements / Kun samarbejdets sekretariat registrerer dets a-kasseaftaler",
    };
  }
  const refusal = periodRefusal(input.period);
  if (refusal) return { kind: 'refused', status: 400, message: refusal };
  const agreement: FundAgreement = {
    id: once ? keyedId('fund-agreement', once.principal, once.key) : deps.newId(),
    ...input,
    createdAt: deps.now().toISOString(),
    createdBy: actor.sub,
  };
  if (await deps.fundAgreements.insert(agreement, [fundAgreementRecorded(agreement)])) return { kind: 'created', agreement };
  const stored = await deps.fundAgreements.load(agreement.id);
  if (!stored) throw new Error(`fund agreement ${agreement.id}: the insert met a key that is not there`);
  return { kind: 'existing', agreement: stored };
}
