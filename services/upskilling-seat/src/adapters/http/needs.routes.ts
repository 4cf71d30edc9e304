import { cooperationIdOf, cooperationsAt, JobcentreCode } from '@rs/contracts';
import { keyedId, mountRoutes, type Principal, replayedHeader, route } from '@rs/service-kit';
import type { Router } from 'express';
import { z } from 'zod';
import type { UpskillingDeps } from '../../app/deps';
import { recordNeed } from '../../app/record-need';
import { mayRecordNeed, needsAudience } from '../../domain/access';
import { type CompanyNeed, monthsOf, needsCsv } from '../../domain/needs';
import { forbidden } from './problems';

const Month = z.string().regex(/^20\d{2}-(0[1-9]|1[0-2])$/, 'a month, YYYY-MM');
const Quarter = z.object({ quarter: z.string().regex(/^20\d{2}-Q[1-4]$/, 'a quarter, e.g. 2027-Q1') });

const NeedBody = z.strictObject({
  company: z.string().min(1).max(200),
  occupation: z.string().min(1).max(200),
  count: z.number().int().min(1).max(10_000),
  expectedBy: Month,
  courseWouldHelp: z.boolean(),
  course: z.string().min(1).max(200).nullable().default(null),
  note: z.string().max(2000).default(''),
});

const NeedView = z
  .object({
    id: z.string(),
    company: z.string(),
    occupation: z.string(),
    count: z.number().int(),
    expectedBy: z.string(),
    courseWouldHelp: z.boolean(),
    course: z.string().nullable(),
    note: z.string(),
    jobcentre: JobcentreCode.nullable(),
    cooperation: z.string().nullable(),
    recordedBy: z.string(),
    recordedAt: z.string(),
  })
  .meta({ id: 'CompanyNeed' });

async function needsFor(deps: UpskillingDeps, principal: Principal, quarter: string): Promise<CompanyNeed[]> {
  const audience = needsAudience(principal, cooperationsAt(deps.cooperations(), deps.now()));
  if (!audience) throw forbidden('Needs are read by jobcentres and the secretariat', 'Behov læses af jobcentre og sekretariatet');
  return (await deps.needs.expectedIn(monthsOf(quarter))).filter(audience);
}

export function needsRoutes(deps: UpskillingDeps) {
  const record = route({
    method: 'post',
    path: '/needs',
    summary:
      "Record a company's coming need (occupation, number, when, whether and which course would help) for AMK Øst and the positive list",
    tags: ['needs'],
    body: NeedBody,
    creates: true,
    responses: { 201: { description: 'recorded', schema: NeedView } },
    handle: async ({ principal, body, req }) => {
      if (!mayRecordNeed(principal))
        throw forbidden('Needs are recorded by consultants or the secretariat', 'Behov registreres af konsulenter eller sekretariatet');
      const jobcentre = principal.role === 'jobcentre' ? principal.jobcentre : null;
      const need: CompanyNeed = {
        id: keyedId(req, principal, { scope: 'need', uuidV5: false }),
        ...body,
        jobcentre,
        cooperation:
          principal.role === 'secretariat'
            ? principal.cooperation
            : jobcentre !== null
              ? (cooperationIdOf(cooperationsAt(deps.cooperations(), deps.now()), jobcentre) ?? null)
              : null,
        recordedBy: `${principal.role}:${principal.sub}`,
        recordedAt: deps.now().toISOString(),
      };
      const result = await recordNeed(deps, need);
      return {
        status: 201,
        body: result.need,
        headers: {
          Location: `/needs?quarter=${need.expectedBy.slice(0, 4)}-Q${Math.ceil(Number(need.expectedBy.slice(5)) / 3)}`,
          ...replayedHeader(!result.created),
        },
      };
    },
  });

  const list = route({
    method: 'get',
    path: '/needs',
    summary: "The companies' coming needs expected in a quarter (a jobcentre: its own; a secretariat: its cooperation's; admins: all)",
    tags: ['needs'],
    query: Quarter,
    responses: { 200: { description: 'the needs', schema: z.object({ quarter: z.string(), needs: z.array(NeedView) }) } },
    handle: async ({ principal, query }) => ({
      status: 200,
      body: { quarter: query.quarter, needs: await needsFor(deps, principal, query.quarter) },
    }),
  });

  const exportCsv = route({
    method: 'get',
    path: '/needs/export',
    summary: "The quarter's needs as CSV for AMK Øst: UTF-8 with BOM, semicolons, Danish headers (opens in Danish Excel as is)",
    tags: ['needs'],
    query: Quarter,
    responses: {
      200: {
        description: 'CSV, one need per line',
        contentType: 'text/csv; charset=utf-8',
        schema: z.string(),
        headers: { 'Content-Disposition': 'attachment; filename="behov-<quarter>.csv"' },
      },
    },
    handle: async ({ principal, query }) => ({
      status: 200,
      body: needsCsv(await needsFor(deps, principal, query.quarter)),
      headers: { 'Content-Disposition': `attachment; filename="behov-${query.quarter}.csv"` },
    }),
  });

  return (router: Router) => mountRoutes(router, [record, list, exportCsv]);
}
