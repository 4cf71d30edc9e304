import { type CooperationsNow, cooperationIdOf, type ScopeId } from '@rs/contracts';
import { isJobcentre, jobcentreForMunicipality } from '@rs/reference-data';

/** Who registers an order (the shape of service-kit's Principal, without depending on it). */
export type Registrar = { role: 'jobcentre'; jobcentre: number } | { role: 'phone-line' } | { role: 'admin' } | { role: 'secretariat' };

export type LeadDecision =
  | { ok: true; lead: number; cooperation: string | null; municipality: number }
  | { ok: false; kind: 'forbidden' | 'invalid' | 'no-cooperation'; message: string };

/**
 * R1: which jobcentre leads an order. A jobcentre registers orders as their lead only; the phone
 * line registers for the jobcentre the company chose, or else the one of the company's
 * municipality. A cooperation round asked for at once needs a lead in a cooperation (broadcast
 * could not open it: say so now rather than dead-letter it there). The lead's cooperation is the
 * one it is a member of in `cooperations` (as the service follows them now, issue 20).
 */
export function leadJobcentreFor(
  registrar: Registrar,
  request: { companyMunicipality: number; jobMunicipality?: number; leadJobcentre?: number; broadcastScope?: ScopeId },
  cooperations: CooperationsNow,
): LeadDecision {
  if (registrar.role !== 'jobcentre' && registrar.role !== 'phone-line') {
    return { ok: false, kind: 'forbidden', message: 'Only jobcentres and the phone line register orders' };
  }
  const municipality = request.jobMunicipality ?? request.companyMunicipality;
  const companyJobcentre = jobcentreForMunicipality(request.companyMunicipality);
  if (companyJobcentre === undefined)
    return { ok: false, kind: 'invalid', message: 'body.company.municipality: unknown municipality code' };
  if (jobcentreForMunicipality(municipality) === undefined)
    return { ok: false, kind: 'invalid', message: 'body.municipality: unknown municipality code' };
  let lead: number;
  if (registrar.role === 'jobcentre') {
    if (!isJobcentre(registrar.jobcentre))
      return { ok: false, kind: 'forbidden', message: `${registrar.jobcentre} is not a jobcentre code` };
    if (request.leadJobcentre !== undefined && request.leadJobcentre !== registrar.jobcentre) {
      return { ok: false, kind: 'forbidden', message: 'A jobcentre registers orders as their lead only' };
    }
    lead = registrar.jobcentre;
  } else {
    lead = request.leadJobcentre ?? companyJobcentre;
    if (jobcentreForMunicipality(lead) !== lead) return { ok: false, kind: 'invalid', message: 'body.leadJobcentre: not a jobcentre code' };
  }
  const cooperation = cooperationIdOf(cooperations, lead) ?? null;
  if (request.broadcastScope === 'cooperation' && !cooperation) {
    return {
      ok: false,
      kind: 'no-cooperation',
      message:
        'body.broadcast.scope: the lead jobcentre is in no cooperation; choose east-denmark or national / Jobcentret er ikke med i et samarbejde; vælg east-denmark eller national',
    };
  }
  return { ok: true, lead, cooperation, municipality };
}

/**
 * R1's "or the one the company chose", within bounds: a jobcentre or the phone line may choose a
 * company's lead only among the jobcentres of the cooperation of the company's municipality (the
 * municipality's own jobcentre when it is in none); only an admin may choose one outside it, since
 * the company then leaves the cooperation whose secretariat, agreements and rounds serve it.
 * Undefined when the choice is allowed; else why not, naming `field`, in both languages.
 */
export function leadOutsideCooperation(
  actor: { role: string },
  companyMunicipality: number,
  lead: number,
  field: string,
  cooperations: CooperationsNow,
): string | undefined {
  if (actor.role === 'admin') return undefined;
  const own = jobcentreForMunicipality(companyMunicipality);
  if (own === undefined || lead === own) return undefined;
  const area = cooperationIdOf(cooperations, own);
  if (area !== undefined && cooperationIdOf(cooperations, lead) === area) return undefined;
  return area !== undefined
    ? `${field}: ${lead} is not in ${area}, the cooperation of the company's municipality; only an admin may choose a lead outside it / ${lead} er ikke med i ${area}, samarbejdet for virksomhedens kommune; kun en administrator kan vælge en tovholder uden for det`
    : `${field}: the company's municipality is in no cooperation, so its lead is jobcentre ${own}; only an admin may choose another / virksomhedens kommune er ikke med i et samarbejde, så tovholderen er jobcenter ${own}; kun en administrator kan vælge et andet`;
}
