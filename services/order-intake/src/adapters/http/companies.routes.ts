import { type CooperationView, cooperationById, cooperationIdOf, cooperationsAt } from '@rs/contracts';
import { decodeCursor, HttpError, mountRoutes, nextLink, pageOf, pageQuery, route } from '@rs/service-kit';
import type { Router } from 'express';
import { z } from 'zod';
import type { CompanyDeps } from '../../app/company-deps';
import type { CompanyFilter } from '../../app/company-ports';
import { recordFundAgreement, recordRecruitmentAgreement } from '../../app/record-agreement';
import { changeCompany } from '../../app/change-company';
import { registerCompany } from '../../app/register-company';
import type { FundAgreement, RecruitmentAgreement } from '../../domain/agreement';
import { type Company, companyListFilter, companyVersion, mayReadCompany, mayRegisterCompany } from '../../domain/company';
import { namePrefixPattern } from '../../domain/company-name';
import {
  AgreementBody,
  AgreementView,
  CompanyBody,
  CompanyPatchBody,
  CompanyView,
  Cvr,
  FundAgreementBody,
  FundAgreementView,
  JobcentreCode,
  Municipality,
} from './company-schemas';
import { refusalProblem } from './refusal';

const CompanyParams = z.object({ id: z.string().regex(/^\d{8}(-\d{10})?$/, 'a CVR number, or CVR-P-number') });

const code = z
  .string()
  .regex(/^[1-9]\d{2}$/, 'three digits')
  .transform(Number);

const CompaniesQuery = z.object({
  ...pageQuery(50, 200),
  cvr: Cvr.optional(),
  /** The start of the name, any case, Danish letters as typed. */
  name: z.string().trim().min(1).max(100).optional(),
  municipality: code.pipe(Municipality).optional(),
  lead: code.pipe(JobcentreCode).optional(),
});

const FundAgreementsQuery = z.object({
  limit: pageQuery(100, 500).limit,
  cooperation: z
    .string()
    .regex(/^[A-Z]{2,10}$/)
    .optional(),
});

const notFound = () => new HttpError(404, 'not-found', { en: 'Company not found', da: 'Virksomheden findes ikke' });

/** PATCH's precondition, as the document declares it (ifMatchVersion reads and checks it). */
const IfMatchHeader = z.object({
  'If-Match': z
    .string()
    .regex(/^(\s*(W\/)?"?[1-9]\d{0,8}"?\s*|\s*\*\s*)$/)
    .optional()
    .describe('The ETag of the company as you read it (e.g. "3"): a change made since is refused with 412; `*` or none: any version'),
});

/** The company's version as an HTTP entity tag: what a PATCH names in If-Match. */
const etagOf = (company: Company) => `"${companyVersion(company)}"`;

/**
 * The version an If-Match header names (`"3"`, `W/"3"` or `3`); undefined without one or for `*`
 * (any version). Anything else is refused naming the header.
 */
export function ifMatchVersion(header: string | undefined): number | undefined {
  if (header === undefined || header.trim() === '*') return undefined;
  const match = /^\s*(?:W\/)?"?([1-9]\d{0,8})"?\s*$/.exec(header);
  if (!match?.[1]) {
    throw new HttpError(
      400,
      'invalid-request',
      {
        en: 'header.if-match: the ETag of the company as read (e.g. "3")',
        da: 'header.if-match: virksomhedens ETag, som den blev læst (fx "3")',
      },
      [
        {
          field: 'header.if-match',
          message: 'the ETag of the company as read (e.g. "3")',
          message_en: 'the ETag of the company as read (e.g. "3")',
          message_da: 'virksomhedens ETag, som den blev læst (fx "3")',
        },
      ],
    );
  }
  return Number(match[1]);
}

/** The Idempotency-Key, scoped to who sent it: a keyed create's id is derived from it. */
function onceOf(req: { get(name: string): string | undefined }, principal: { role: string; sub: string }) {
  const key = req.get('idempotency-key');
  return key !== undefined ? { principal: `${principal.role}:${principal.sub}`, key } : undefined;
}

export function companiesRoutes(deps: CompanyDeps) {
  const create = route({
    method: 'post',
    path: '/companies',
    summary: 'Register a company (R1: its lead is the jobcentre of its municipality, or the one it chose)',
    tags: ['companies'],
    body: CompanyBody,
    creates: true,
    responses: {
      201: { description: 'registered', schema: CompanyView, headers: { Location: 'the company', ETag: 'its version, for If-Match' } },
      200: { description: 'the same company was registered before', schema: CompanyView, headers: { ETag: 'its version' } },
      409: { description: 'another company is registered under this CVR (and P-number)' },
    },
    handle: async ({ principal, body }) => {
      if (!mayRegisterCompany(principal)) {
        throw new HttpError(403, 'forbidden', {
          en: 'Only the phone line, jobcentres and admins register companies',
          da: 'Kun telefonlinjen, jobcentre og administratorer registrerer virksomheder',
        });
      }
      const result = await registerCompany(deps, principal, body);
      if (result.kind === 'refused') throw refusalProblem(result.status, result.message);
      if (result.kind === 'conflict') {
        throw refusalProblem(
          409,
          'body.cvr: another company is registered under this CVR number / en anden virksomhed har dette CVR-nummer',
        );
      }
      // A jobcentre that is not the stored company's lead learns only that it exists.
      if (result.kind === 'existing' && !mayReadCompany(principal, result.company)) {
        throw refusalProblem(409, 'body.cvr: the company is registered with another lead jobcentre / virksomheden har en anden tovholder');
      }
      return {
        status: result.kind === 'created' ? 201 : 200,
        body: companyView(result.company),
        headers: { Location: `/companies/${result.company.id}`, ETag: etagOf(result.company) },
      };
    },
  });

  const list = route({
    method: 'get',
    path: '/companies',
    summary: 'Find companies by CVR number or the start of their name (Danish letters, any case), a page at a time',
    tags: ['companies'],
    query: CompaniesQuery,
    responses: { 200: { description: 'a page of companies, by name', schema: pageOf('companies', CompanyView) } },
    handle: async ({ principal, query }) => {
      const scope = companyListFilter(principal);
      if (!scope) return { status: 200, body: { companies: [], next: null } };
      const filter: CompanyFilter = {
        ...scope,
        ...(query.cvr ? { cvr: query.cvr } : {}),
        ...(query.name ? { namePattern: namePrefixPattern(query.name) } : {}),
        ...(query.municipality !== undefined ? { municipality: query.municipality } : {}),
      };
      if (query.lead !== undefined) {
        // A jobcentre sees its own companies only, whatever it asks for.
        if (scope.leadJobcentre !== undefined && scope.leadJobcentre !== query.lead)
          return { status: 200, body: { companies: [], next: null } };
        filter.leadJobcentre = query.lead;
      }
      if (query.cursor) {
        // The cursor names the last company; its name key is read back (a key may be longer than a cursor holds).
        const last = await deps.companies.load(decodeCursor(query.cursor).id);
        if (!last)
          throw new HttpError(400, 'invalid-request', {
            en: 'query.cursor: not a cursor of this list',
            da: 'query.cursor: ugyldig markør',
          });
        filter.after = { nameKey: last.nameKey, id: last.id };
      }
      const found = await deps.companies.list(filter, query.limit + 1);
      const page = found.slice(0, query.limit);
      const last = found.length > query.limit ? page[page.length - 1] : undefined;
      return {
        status: 200,
        body: {
          companies: page.map(companyView),
          next: nextLink(
            '/companies',
            { limit: query.limit, cvr: query.cvr, name: query.name, municipality: query.municipality, lead: query.lead },
            last && { key: '', id: last.id },
          ),
        },
      };
    },
  });

  const readCompany = async (principal: Parameters<typeof mayReadCompany>[0], id: string): Promise<Company> => {
    const company = await deps.companies.load(id);
    if (!company || !mayReadCompany(principal, company)) throw notFound();
    return company;
  };

  const read = route({
    method: 'get',
    path: '/companies/:id',
    summary: 'One company, to its lead, its cooperation, the phone line and admins',
    tags: ['companies'],
    params: CompanyParams,
    responses: { 200: { description: 'the company', schema: CompanyView, headers: { ETag: 'its version, for If-Match on PATCH' } } },
    handle: async ({ principal, params }) => {
      const company = await readCompany(principal, params.id);
      return { status: 200, body: companyView(company), headers: { ETag: etagOf(company) } };
    },
  });

  const change = route({
    method: 'patch',
    path: '/companies/:id',
    summary:
      "Change a company's name, address, municipality or contacts, or its lead jobcentre with a reason (future orders go to the new lead; open orders keep theirs until handed over)",
    description:
      'Send `If-Match` with the ETag of the company as you read it (GET /companies/:id): a change made since is refused with 412, ' +
      'so nobody overwrites what they have not seen. Without it, the change applies to the company as it is; of two changes ' +
      'at the same moment one wins and the other gets 409 (read again, then retry).',
    tags: ['companies'],
    params: CompanyParams,
    body: CompanyPatchBody,
    headers: IfMatchHeader,
    responses: {
      200: {
        description: 'the company as it is now (unchanged when nothing differed)',
        schema: CompanyView,
        headers: { ETag: 'its version' },
      },
      409: { description: 'another change of the company was saved at the same moment: nothing written; read it again and retry' },
      412: { description: 'If-Match named another version than the company has now: nothing written' },
      422: { description: 'a lead outside the cooperation of the company’s municipality, by someone other than an admin' },
    },
    handle: async ({ principal, params, body, req }) => {
      const ifMatch = ifMatchVersion(req.get('if-match'));
      const result = await changeCompany(deps, principal, params.id, body, ifMatch);
      if (result.kind === 'refused') {
        if (result.status === 404) throw notFound();
        throw refusalProblem(result.status, result.message);
      }
      if (result.kind === 'stale') {
        throw new HttpError(412, 'precondition-failed', {
          en: `The company was changed since version ${result.expected} you read (it is at version ${result.current}): read it again and retry`,
          da: `Virksomheden er ændret siden version ${result.expected}, som du læste (den er nu version ${result.current}): hent den igen og prøv igen`,
        });
      }
      if (result.kind === 'lost-race') {
        if (ifMatch !== undefined) {
          throw new HttpError(412, 'precondition-failed', {
            en: `Another change of the company from version ${result.version} was saved first: read it again and retry`,
            da: `En anden ændring af virksomheden fra version ${result.version} blev gemt først: hent den igen og prøv igen`,
          });
        }
        throw new HttpError(409, 'edit-conflict', {
          en: 'Another change of the company was saved at the same moment; nothing of yours was written: read it again and retry',
          da: 'En anden ændring af virksomheden blev gemt i samme øjeblik; intet af din ændring blev gemt: hent den igen og prøv igen',
        });
      }
      return { status: 200, body: companyView(result.company), headers: { ETag: etagOf(result.company) } };
    },
  });

  const addAgreement = route({
    method: 'post',
    path: '/companies/:id/agreements',
    summary:
      "Record a recruitment agreement with the company (its lead jobcentre or an admin), e.g. 'jobcentres without candidates need not reply'",
    tags: ['companies'],
    params: CompanyParams,
    body: AgreementBody,
    creates: true,
    responses: {
      201: { description: 'recorded', schema: AgreementView, headers: { Location: 'the agreements of the company' } },
      200: { description: 'recorded before under this Idempotency-Key', schema: AgreementView },
    },
    handle: async ({ principal, params, body, req }) => {
      const result = await recordRecruitmentAgreement(deps, principal, params.id, body, onceOf(req, principal));
      if (result.kind === 'refused') throw refusalProblem(result.status, result.message);
      return {
        status: result.kind === 'created' ? 201 : 200,
        body: agreementView(result.agreement),
        headers: { Location: `/companies/${params.id}/agreements` },
      };
    },
  });

  const agreements = route({
    method: 'get',
    path: '/companies/:id/agreements',
    summary: 'The recruitment agreements of a company, newest first',
    tags: ['companies'],
    params: CompanyParams,
    responses: { 200: { description: 'its agreements', schema: z.object({ agreements: z.array(AgreementView) }) } },
    handle: async ({ principal, params }) => {
      const company = await readCompany(principal, params.id);
      return { status: 200, body: { agreements: (await deps.agreements.ofCompany(company.id)).map(agreementView) } };
    },
  });

  const addFundAgreement = route({
    method: 'post',
    path: '/fund-agreements',
    summary: "Record an agreement with an unemployment fund (a-kasse): the cooperation's secretariat or an admin",
    tags: ['agreements'],
    body: FundAgreementBody,
    creates: true,
    responses: {
      201: { description: 'recorded', schema: FundAgreementView, headers: { Location: 'the list' } },
      200: { description: 'recorded before under this Idempotency-Key', schema: FundAgreementView },
    },
    handle: async ({ principal, body, req }) => {
      if (!cooperationById(deps.cooperations(), body.cooperation))
        throw refusalProblem(400, 'body.cooperation: no such cooperation / intet sådant samarbejde');
      const result = await recordFundAgreement(deps, principal, body, onceOf(req, principal));
      if (result.kind === 'refused') throw refusalProblem(result.status, result.message);
      return {
        status: result.kind === 'created' ? 201 : 200,
        body: fundAgreementView(result.agreement),
        headers: { Location: `/fund-agreements?cooperation=${body.cooperation}` },
      };
    },
  });

  const fundAgreements = route({
    method: 'get',
    path: '/fund-agreements',
    summary: "Agreements with unemployment funds: a secretariat and a jobcentre see their cooperation's, the phone line and admins all",
    tags: ['agreements'],
    query: FundAgreementsQuery,
    responses: { 200: { description: 'newest period first', schema: z.object({ agreements: z.array(FundAgreementView) }) } },
    handle: async ({ principal, query }) => {
      let cooperation = query.cooperation;
      if (principal.role === 'secretariat' || principal.role === 'onboarding') cooperation = principal.cooperation;
      if (principal.role === 'jobcentre') {
        const own = cooperationOfJobcentre(deps.cooperations(), principal.jobcentre, deps.now());
        if (!own) return { status: 200, body: { agreements: [] } };
        cooperation = own;
      }
      if (query.cooperation !== undefined && query.cooperation !== cooperation) return { status: 200, body: { agreements: [] } };
      const found = await deps.fundAgreements.list(cooperation ? { cooperation } : {}, query.limit);
      return { status: 200, body: { agreements: found.map(fundAgreementView) } };
    },
  });

  return (router: Router) => mountRoutes(router, [create, list, read, change, addAgreement, agreements, addFundAgreement, fundAgreements]);
}

function cooperationOfJobcentre(view: CooperationView, jobcentre: number, now: Date): string | undefined {
  return cooperationIdOf(cooperationsAt(view, now), jobcentre);
}

export function companyView(c: Company) {
  return {
    id: c.id,
    cvr: c.cvr,
    ...(c.pNumber ? { pNumber: c.pNumber } : {}),
    name: c.name,
    address: c.address,
    municipality: c.municipality,
    leadJobcentre: c.leadJobcentre,
    leadChosen: c.leadChosen,
    cooperation: c.cooperation,
    contacts: c.contacts,
    createdAt: c.createdAt,
    history: c.history ?? [],
    version: companyVersion(c),
  };
}

function agreementView(a: RecruitmentAgreement) {
  return {
    id: a.id,
    companyId: a.companyId,
    leadJobcentre: a.leadJobcentre,
    cooperation: a.cooperation,
    period: a.period,
    expectedHires: a.expectedHires,
    terms: a.terms,
    createdAt: a.createdAt,
    createdBy: a.createdBy,
  };
}

function fundAgreementView(a: FundAgreement) {
  return {
    id: a.id,
    fund: a.fund,
    cooperation: a.cooperation,
    period: a.period,
    contact: a.contact,
    notes: a.notes,
    createdAt: a.createdAt,
    createdBy: a.createdBy,
  };
}
