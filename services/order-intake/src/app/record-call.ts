import { OrderSummary, type ScopeId } from '@rs/contracts';
import { jobcentreForMunicipality } from '@rs/reference-data';
import type { Actor } from '../domain/access';
import { type Call, type CallNeed, type CallOutcome, mayRecordCall } from '../domain/call';
import type { Company, NewCompany } from '../domain/company';
import { DEFAULT_TAXONOMY, NO_REQUIREMENTS, type OrderDetails, summaryOf } from '../domain/details';
import { escapeRegex, nameKey } from '../domain/company-name';
import { REFERENCE_ALPHABET, REFERENCE_LENGTH, referenceFrom } from '../domain/reference';
import type { CompanyDeps } from './company-deps';
import { companyOrderTerms, orderCompany } from './company-order';
import { keyedId } from './keyed-id';
import { insertCompany, prepareCompany } from './register-company';
import { registerOrder } from './register-order';

/** How the operator names the caller's company: by id, CVR, exact name, or as a new company. */
export type CallCompany = { companyId: string } | { cvr: string } | { name: string } | { new: NewCompany };

/** The job the caller asks for, when the call becomes a new order: the order's fields (issue 15, part 2). */
export interface CallOrder {
  title: string;
  /** DISCO-08 code. */
  occupation: string;
  occupationText?: string | undefined;
  taxonomyVersion?: string | undefined;
  positions: number;
  municipality?: number | undefined;
  description: string;
  employmentType?: OrderDetails['employmentType'];
  workingTime?: OrderDetails['workingTime'];
  weeklyHours?: number | undefined;
  startBy?: string | undefined;
  applicationDeadline?: string | undefined;
  requirements?: OrderDetails['requirements'] | undefined;
  wishes?: string[] | undefined;
  shortNotice?: boolean | undefined;
  contact?: OrderDetails['contact'];
  largeProject?: boolean | undefined;
  broadcast?: { scope: ScopeId } | undefined;
}

/** The order's details as the operator took them on the phone, the job in `municipality`. */
function callOrderDetails(order: CallOrder, municipality: number): OrderDetails {
  return {
    title: order.title,
    description: order.description,
    occupation: {
      code: order.occupation,
      taxonomy: order.taxonomyVersion ?? DEFAULT_TAXONOMY,
      ...(order.occupationText ? { text: order.occupationText } : {}),
    },
    positions: order.positions,
    workplaceMunicipality: municipality,
    ...(order.employmentType ? { employmentType: order.employmentType } : {}),
    ...(order.workingTime ? { workingTime: order.workingTime } : {}),
    ...(order.weeklyHours !== undefined ? { weeklyHours: order.weeklyHours } : {}),
    ...(order.startBy ? { startBy: order.startBy } : {}),
    ...(order.applicationDeadline ? { applicationDeadline: order.applicationDeadline } : {}),
    requirements: order.requirements ?? NO_REQUIREMENTS,
    wishes: order.wishes ?? [],
    shortNotice: order.shortNotice ?? false,
    ...(order.contact ? { contact: order.contact } : {}),
  };
}

export interface CallInput {
  receivedAt?: string | undefined;
  caller: Call['caller'];
  company?: CallCompany | undefined;
  need: CallNeed;
  note: string;
  /** The call becomes this new order (through register-order), for the company's lead. */
  order?: CallOrder | undefined;
  /** The call is about this existing order. */
  orderId?: string | undefined;
}

export type RecordCallResult =
  | { kind: 'created'; call: Call }
  | { kind: 'existing'; call: Call }
  | { kind: 'key-reused' }
  | { kind: 'in-flight' }
  | { kind: 'refused'; status: 400 | 403 | 404 | 409 | 422; message: string };

type Refusal = Extract<RecordCallResult, { kind: 'refused' }>;
const refused = (status: Refusal['status'], message: string): Refusal => ({ kind: 'refused', status, message });

/**
 * The shared phone line (R2): an operator records an inbound call. The call names its company
 * (found by id, CVR or exact name, or registered now), becomes a new order for the company's
 * lead or is attached to an existing order, and gets a reference number the caller can quote.
 * Under an Idempotency-Key the call's id, and the id of the order it makes, are derived from the
 * key, so a retry after any failure meets what the first attempt wrote.
 */
export async function recordCall(
  deps: CompanyDeps,
  actor: Actor & { sub: string },
  input: CallInput,
  once?: { principal: string; key: string; requestHash: string },
): Promise<RecordCallResult> {
  if (!mayRecordCall(actor)) return refused(403, 'Only the phone line records calls / Kun telefonlinjen registrerer opkald');
  const callId = once ? keyedId('call', once.principal, once.key) : deps.newId();
  if (once) {
    const earlier = await deps.calls.load(callId);
    if (earlier) return earlier.requestHash === once.requestHash ? { kind: 'existing', call: earlier } : { kind: 'key-reused' };
  }
  const placed = await placeCall(deps, actor, input, once && { key: callId, requestHash: once.requestHash });
  if (placed.kind !== 'placed') return placed;
  const { company, orderId, routedTo, cooperation } = placed;

  const now = deps.now();
  const call: Omit<Call, 'reference'> = {
    id: callId,
    receivedAt: new Date(input.receivedAt ?? now).toISOString(),
    recordedAt: now.toISOString(),
    recordedBy: actor.sub,
    source: 'operator',
    caller: input.caller,
    ...(company ? { company: { id: company.id, cvr: company.cvr, name: company.name } } : {}),
    need: input.need,
    note: input.note,
    outcome: placed.outcome,
    ...(orderId ? { orderId } : {}),
    ...(routedTo !== undefined ? { routedTo } : {}),
    cooperation,
    ...(once ? { requestHash: once.requestHash } : {}),
  };
  return insertWithReference(deps, call);
}

type Placed =
  | {
      kind: 'placed';
      company: Company | undefined;
      orderId: string | undefined;
      routedTo: number | undefined;
      cooperation: string | null;
      outcome: CallOutcome;
    }
  | Extract<RecordCallResult, { kind: 'key-reused' | 'in-flight' | 'refused' }>;

/**
 * Where a call belongs: its company (found or registered), and the new order it becomes (through
 * register-order, for the company's lead) or the existing order it is attached to. `once.key`
 * (the call's id) keys the new order, so the same call never makes two orders.
 */
async function placeCall(
  deps: CompanyDeps,
  actor: Actor & { sub: string },
  input: Pick<CallInput, 'company' | 'order' | 'orderId'>,
  once: { key: string; requestHash: string } | undefined,
): Promise<Placed> {
  if (input.order && input.orderId) {
    return refused(400, 'body.orderId: a call becomes a new order or is attached to one, not both / enten ny ordre eller eksisterende');
  }

  // Every check first, every write last: a refused call leaves no company and no order behind.
  let company: Company | undefined;
  /** A company the call registers: inserted only once everything else passed. */
  let newCompany: Company | undefined;
  if (input.company) {
    const found = await findCompany(deps, actor, input.company);
    if ('kind' in found) return found;
    company = found.company;
    if (found.isNew) newCompany = found.company;
  }

  let orderId: string | undefined;
  let routedTo = company?.leadJobcentre;
  let cooperation = company?.cooperation ?? null;
  let registration: Parameters<typeof registerOrder>[1] | undefined;
  if (input.order) {
    if (!company) return refused(400, 'body.company: a new order needs its company / en ny ordre kræver en virksomhed');
    // A company registered by this call has no agreements yet: its terms are its own.
    const terms = newCompany
      ? { leadJobcentre: newCompany.leadJobcentre, cooperation: newCompany.cooperation, silenceMeansNone: false }
      : await companyOrderTerms(deps, actor, company.id);
    if (!terms) return refused(422, 'body.company: company not found / virksomheden findes ikke');
    const municipality = input.order.municipality ?? company.municipality;
    if (jobcentreForMunicipality(municipality) === undefined) {
      return refused(400, 'body.order.municipality: unknown municipality code / ukendt kommunekode');
    }
    if (input.order.broadcast?.scope === 'cooperation' && !terms.cooperation) {
      return refused(422, 'body.order.broadcast.scope: the lead jobcentre is in no cooperation / tovholderen er ikke med i et samarbejde');
    }
    const details = callOrderDetails(input.order, municipality);
    // What recipients are sent must fit the contract's limits: checked before anything is stored.
    const summary = OrderSummary.safeParse(summaryOf(details, company.name));
    if (!summary.success) {
      const issue = summary.error.issues[0];
      return refused(400, `body.order.${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'} / ugyldig ordre`);
    }
    registration = {
      leadJobcentre: terms.leadJobcentre,
      cooperation: terms.cooperation,
      channel: 'phone-line',
      registeredBy: actor.sub,
      company: orderCompany(company),
      details,
      ...(input.order.largeProject !== undefined ? { largeProject: input.order.largeProject } : {}),
      broadcast: input.order.broadcast ?? null,
      ...(terms.silenceMeansNone ? { silenceMeansNone: true } : {}),
      // The call's own id keys its order: a retried call registers its order once.
      ...(once ? { once: { principal: 'phone-line-call', key: once.key, requestHash: once.requestHash } } : {}),
    };
  } else if (input.orderId) {
    const order = (await deps.orders.load(input.orderId))?.state;
    if (!order) return refused(422, 'body.orderId: no such order / ordren findes ikke');
    const sameCompany =
      company && (order.company.id === company.id || (order.company.cvr !== undefined && order.company.cvr === company.cvr));
    if (company && !sameCompany) return refused(422, "body.orderId: the order is not this company's / ordren er ikke virksomhedens");
    orderId = order.id;
    routedTo = order.leadJobcentre;
    cooperation = order.cooperation;
  }

  if (newCompany) {
    const inserted = await insertCompany(deps, newCompany);
    // Another company took the key meanwhile: nothing of this call was written.
    if (inserted.kind === 'conflict') return refused(409, CVR_TAKEN);
    company = inserted.company;
  }
  if (registration) {
    const registered = await registerOrder(deps, registration);
    if (registered.kind === 'key-reused') return { kind: 'key-reused' };
    if (registered.kind === 'in-flight') return { kind: 'in-flight' };
    orderId = registered.order.id;
  }

  return {
    kind: 'placed',
    company,
    orderId,
    routedTo,
    cooperation,
    outcome: input.order ? 'order-created' : input.orderId ? 'attached' : 'logged',
  };
}

/**
 * Completes a call that was only logged — the telephony system's, or a question that turned into
 * a job — as a new order for the company's lead or attached to an existing order. The new order is
 * keyed by the call, so a retried or doubled resolution makes one order; a call resolved before
 * answers as it is to the same request and 409 to another.
 */
export async function resolveCall(
  deps: CompanyDeps,
  actor: Actor & { sub: string },
  callId: string,
  input: Pick<CallInput, 'company' | 'order' | 'orderId'>,
  requestHash: string,
): Promise<RecordCallResult> {
  if (!mayRecordCall(actor)) return refused(403, 'Only the phone line resolves calls / Kun telefonlinjen afslutter opkald');
  const call = await deps.calls.load(callId);
  if (!call) return refused(404, 'Call not found / Opkaldet findes ikke');
  if (!input.order && !input.orderId) return refused(400, 'body.order: give order or orderId / angiv order eller orderId');
  if (call.outcome !== 'logged') {
    return call.resolutionHash === requestHash
      ? { kind: 'existing', call }
      : refused(409, `the call is already resolved (${call.outcome}) / opkaldet er allerede afsluttet`);
  }
  // Once only, before anything is placed: a guarded update is not atomic on FerretDB, so a
  // unique-key insert elects the resolution. A racing other request is refused here (it makes no
  // order); a retry of the winner completes it. A resolution refused on its content gives its claim back.
  if (!(await deps.calls.claimResolution(callId, requestHash, deps.now().toISOString()))) {
    return refused(409, 'the call is being resolved by another request / opkaldet afsluttes af en anden forespørgsel');
  }
  const company = input.company ?? (call.company ? { companyId: call.company.id } : undefined);
  const placed = await placeCall(deps, actor, { ...input, company }, { key: callId, requestHash });
  if (placed.kind !== 'placed') {
    await deps.calls.releaseResolution(callId, requestHash);
    return placed;
  }
  const set = {
    outcome: placed.outcome,
    cooperation: placed.cooperation,
    resolvedAt: deps.now().toISOString(),
    resolvedBy: actor.sub,
    resolutionHash: requestHash,
    ...(placed.company ? { company: { id: placed.company.id, cvr: placed.company.cvr, name: placed.company.name } } : {}),
    ...(placed.orderId ? { orderId: placed.orderId } : {}),
    ...(placed.routedTo !== undefined ? { routedTo: placed.routedTo } : {}),
  };
  if (!(await deps.calls.resolve(callId, set))) {
    const now = await deps.calls.load(callId);
    if (now && now.resolutionHash === requestHash) return { kind: 'existing', call: now };
    return refused(409, 'the call was resolved meanwhile / opkaldet blev afsluttet imens');
  }
  return { kind: 'created', call: { ...call, ...set } };
}

/** The telephony system's record of a call (the webhook): logged, routed to the lead of the company its CVR names. */
export interface TelephonyCall {
  telephonyCallId: string;
  receivedAt: string;
  callerPhone?: string | undefined;
  callerName?: string | undefined;
  cvr?: string | undefined;
  need?: CallNeed | undefined;
  note?: string | undefined;
}

/** The id of the call a telephony call id is stored under. */
export const telephonyCallKey = (telephonyCallId: string) => keyedId('telephony', telephonyCallId);

/** Records a call the telephony system reports; the same telephony call id twice is one record. */
export async function recordTelephonyCall(deps: CompanyDeps, input: TelephonyCall): Promise<RecordCallResult> {
  const callId = telephonyCallKey(input.telephonyCallId);
  const earlier = await deps.calls.load(callId);
  if (earlier) return { kind: 'existing', call: earlier };
  const company = input.cvr ? await companyByCvr(deps, input.cvr) : undefined;
  const now = deps.now();
  return insertWithReference(deps, {
    id: callId,
    receivedAt: new Date(input.receivedAt).toISOString(),
    recordedAt: now.toISOString(),
    recordedBy: 'telephony',
    source: 'telephony',
    caller: {
      ...(input.callerName ? { name: input.callerName } : {}),
      ...(input.callerPhone ? { phone: input.callerPhone } : {}),
    },
    ...(company ? { company: { id: company.id, cvr: company.cvr, name: company.name } } : {}),
    need: input.need ?? 'other',
    note: input.note ?? '',
    outcome: 'logged',
    ...(company ? { routedTo: company.leadJobcentre } : {}),
    cooperation: company?.cooperation ?? null,
    telephonyCallId: input.telephonyCallId,
  });
}

/** A fresh reference per attempt: the unique index on `reference` decides, a clash draws again. */
async function insertWithReference(deps: CompanyDeps, call: Omit<Call, 'reference'>): Promise<RecordCallResult> {
  for (let attempt = 0; attempt < 10; attempt++) {
    const reference = referenceFrom(Array.from({ length: REFERENCE_LENGTH }, () => deps.randomInt(REFERENCE_ALPHABET.length)));
    const inserted = await deps.calls.insert({ ...call, reference });
    if (inserted.kind === 'inserted') return { kind: 'created', call: { ...call, reference } };
    if (inserted.kind === 'id-exists') {
      const stored = await deps.calls.load(call.id);
      if (stored) return stored.requestHash === call.requestHash ? { kind: 'existing', call: stored } : { kind: 'key-reused' };
    }
  }
  throw new Error(`call ${call.id}: no free reference number in 10 draws`);
}

/** The company a CVR number names: its main unit (no P-number) first. */
async function companyByCvr(deps: CompanyDeps, cvr: string): Promise<Company | undefined> {
  // The main unit's id is its CVR number: one _id lookup (FerretDB scans for any other field).
  const main = await deps.companies.load(cvr);
  if (main) return main;
  const units = await deps.companies.list({ cvr }, 50);
  return units.find((c) => c.pNumber === undefined) ?? units[0];
}

const CVR_TAKEN = 'body.company.new.cvr: another company is registered under this CVR number / et andet firma har dette CVR-nummer';

/** The company a call names; `isNew`: decided here and not stored yet (the caller inserts it last). */
async function findCompany(
  deps: CompanyDeps,
  actor: Actor & { sub: string },
  named: CallCompany,
): Promise<{ company: Company; isNew?: boolean } | Refusal> {
  if ('companyId' in named) {
    const company = await deps.companies.load(named.companyId);
    return company ? { company } : refused(422, 'body.company.companyId: no such company / virksomheden findes ikke');
  }
  if ('cvr' in named) {
    const company = await companyByCvr(deps, named.cvr);
    return company
      ? { company }
      : refused(422, 'body.company.cvr: no company with this CVR number; register it as new / ingen virksomhed med dette CVR-nummer');
  }
  if ('name' in named) {
    const matches = await deps.companies.list({ namePattern: `^${escapeRegex(nameKey(named.name))}$` }, 2);
    if (matches.length === 1 && matches[0]) return { company: matches[0] };
    return matches.length === 0
      ? refused(422, 'body.company.name: no company with this name / ingen virksomhed med dette navn')
      : refused(
          409,
          'body.company.name: several companies have this name; give the CVR number / flere virksomheder hedder sådan; angiv CVR-nummer',
        );
  }
  const prepared = await prepareCompany(deps, actor, named.new);
  if (prepared.kind === 'refused') return refused(prepared.status, prepared.message);
  if (prepared.kind === 'conflict') return refused(409, CVR_TAKEN);
  return prepared.kind === 'new' ? { company: prepared.company, isNew: true } : { company: prepared.company };
}
