import { randomUUID } from 'node:crypto';
import { HttpError, mountRoutes, route } from '@rs/service-kit';
import type { Router } from 'express';
import { z } from 'zod';
import { collectable, isMunicipality, type KkrDeps, mayMarkScheme, mayReadScheme, nameOf, overview, schemeOf } from '../../app/kkr';
import { overviewCsv, schemeCsv } from '../../domain/kkr';
import { forbidden, MunicipalityParams, OverviewQuery, schemeYear, unknownMunicipality, Year, YearQuery } from './kkr-query';

const Light = z.enum(['green', 'yellow', 'red']);
const Recommendation = z.object({
  id: z.string(),
  year: z.number().int(),
  category: z.string(),
  obligation: z.enum(['must', 'may']),
  text: z.string(),
  evidence: z.enum(['cooperation-membership', 'reply-compliance', 'service-goal-compliance']).optional(),
});
const Entry = z.object({
  id: z.string(),
  municipality: z.number().int(),
  recommendationId: z.string(),
  year: z.number().int(),
  status: Light,
  remark: z.string(),
  by: z.string(),
  at: z.string(),
});
export const Scheme = z.object({
  municipality: z.number().int(),
  name: z.string(),
  year: z.number().int(),
  rows: z.array(
    z.object({
      recommendation: Recommendation,
      current: z
        .object({
          status: Light,
          remark: z.string(),
          source: z.enum(['municipality', 'platform']),
          at: z.string().nullable(),
          by: z.string().nullable(),
        })
        .nullable(),
      history: z.array(Entry),
    }),
  ),
});
const MarkBody = z.strictObject({
  recommendationId: z.string().min(1).max(60),
  year: Year,
  status: Light,
  remark: z.string().max(2000).default(''),
});

const CSV = 'text/csv; charset=utf-8';

/** The KKR progress scheme (issue 20, part 4). */
export function kkrRoutes(deps: KkrDeps) {
  const defaultYear = () => schemeYear(deps.now());
  const readable = (principal: Parameters<typeof mayReadScheme>[0], municipality: number) => {
    if (!isMunicipality(municipality)) throw unknownMunicipality();
    if (!mayReadScheme(principal, municipality)) throw forbidden();
  };
  const recommendations = route({
    method: 'get',
    path: '/kkr/recommendations',
    summary: 'The KKR recommendations of a year (category, must or may, text)',
    tags: ['kkr'],
    query: YearQuery,
    responses: { 200: { description: 'the recommendations', schema: z.array(Recommendation) } },
    handle: async ({ principal, query }) => {
      if (principal.role === 'phone-line') throw forbidden();
      const year = query.year ?? defaultYear();
      return {
        status: 200,
        body: (await deps.kkr.recommendations()).filter((r) => r.year === year).sort((a, b) => a.id.localeCompare(b.id)),
      };
    },
  });
  const read = route({
    method: 'get',
    path: '/kkr/schemes/:municipality',
    summary:
      'A municipality’s progress scheme: each "must" recommendation with its status (proposed from the platform’s data until the municipality marks it) and history',
    tags: ['kkr'],
    params: MunicipalityParams,
    query: YearQuery,
    responses: { 200: { description: 'the scheme', schema: Scheme } },
    handle: async ({ principal, params, query }) => {
      readable(principal, params.municipality);
      const year = query.year ?? defaultYear();
      return {
        status: 200,
        body: {
          municipality: params.municipality,
          name: nameOf(params.municipality),
          year,
          rows: await schemeOf(deps, params.municipality, year),
        },
      };
    },
  });
  const mark = route({
    method: 'post',
    path: '/kkr/schemes/:municipality/statuses',
    summary: 'Marks a "must" recommendation green, yellow or red with a remark (a new entry in its history)',
    tags: ['kkr'],
    params: MunicipalityParams,
    body: MarkBody,
    creates: true,
    responses: { 201: { description: 'the entry', schema: Entry } },
    handle: async ({ principal, params, body }) => {
      if (!isMunicipality(params.municipality)) throw unknownMunicipality();
      if (!mayMarkScheme(principal, params.municipality)) throw forbidden();
      const rec = (await deps.kkr.recommendations()).find((r) => r.id === body.recommendationId && r.year === body.year);
      if (!rec || rec.obligation !== 'must') {
        throw new HttpError(422, 'not-a-must-recommendation', {
          en: 'recommendationId names no "must" recommendation of that year',
          da: 'recommendationId er ikke en "skal"-anbefaling fra det år',
        });
      }
      const entry = {
        id: randomUUID(),
        municipality: params.municipality,
        recommendationId: rec.id,
        year: body.year,
        status: body.status,
        remark: body.remark,
        by: principal.sub,
        at: deps.now().toISOString(),
      };
      await deps.kkr.add(entry);
      return { status: 201, body: entry };
    },
  });
  const exportOne = route({
    method: 'get',
    path: '/kkr/schemes/:municipality/scheme.csv',
    summary: 'A municipality’s scheme as CSV for Danish Excel (for the municipal council in January/February)',
    tags: ['kkr'],
    params: MunicipalityParams,
    query: YearQuery,
    responses: { 200: { description: 'the scheme', schema: z.string(), contentType: CSV } },
    handle: async ({ principal, params, query }) => {
      readable(principal, params.municipality);
      const year = query.year ?? defaultYear();
      const csv = schemeCsv(nameOf(params.municipality), year, await schemeOf(deps, params.municipality, year));
      return {
        status: 200,
        body: csv,
        headers: { 'Content-Disposition': `attachment; filename="kkr-fremdrift-${params.municipality}-${year}.csv"` },
      };
    },
  });
  const exportAll = route({
    method: 'get',
    path: '/kkr/overview.csv',
    summary: 'The collected overview for KKR: every municipality’s scheme (an admin all, a secretariat its members)',
    tags: ['kkr'],
    query: OverviewQuery,
    responses: { 200: { description: 'the overview', schema: z.string(), contentType: CSV } },
    handle: async ({ principal, query }) => {
      const municipalities = collectable(principal, query.cooperation);
      if (!municipalities) throw forbidden();
      const year = query.year ?? defaultYear();
      return {
        status: 200,
        body: overviewCsv(year, await overview(deps, municipalities, year)),
        headers: { 'Content-Disposition': `attachment; filename="kkr-samlet-${year}.csv"` },
      };
    },
  });
  return (router: Router) => mountRoutes(router, [recommendations, read, mark, exportOne, exportAll]);
}
