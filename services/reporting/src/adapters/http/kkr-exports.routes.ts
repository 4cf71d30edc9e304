import { mountRoutes, route } from '@rs/service-kit';
import type { Router } from 'express';
import { z } from 'zod';
import { collectable, isMunicipality, type KkrDeps, mayReadScheme, nameOf, overview, schemeOf } from '../../app/kkr';
import { cycleOf } from '../../domain/kkr-cycle';
import { overviewPdf, schemePdf } from '../pdf/kkr.pdf';
import { Scheme } from './kkr.routes';
import { forbidden, localToday, MunicipalityParams, OverviewQuery, schemeYear, unknownMunicipality, YearQuery } from './kkr-query';

const PDF = 'application/pdf';
const Cycle = z.object({
  year: z.number().int(),
  phases: z.array(
    z.object({
      id: z.enum(['marking', 'council', 'collection']),
      from: z.string(),
      to: z.string(),
      label: z.object({ da: z.string(), en: z.string() }),
    }),
  ),
  current: z.enum(['marking', 'council', 'collection']).nullable(),
});

/** The KKR scheme's annual cycle, the collected overview as data, and the schemes as PDF. */
export function kkrExportRoutes(deps: KkrDeps) {
  const defaultYear = () => schemeYear(deps.now());
  const cycle = route({
    method: 'get',
    path: '/kkr/cycle',
    summary:
      'The annual cycle of a year’s scheme (marking, the municipal council in January/February, collected for KKR) and where today is in it',
    tags: ['kkr'],
    query: YearQuery,
    responses: { 200: { description: 'the cycle', schema: Cycle } },
    handle: async ({ principal, query }) => {
      if (principal.role === 'phone-line') throw forbidden();
      return { status: 200, body: cycleOf(query.year ?? defaultYear(), localToday(deps.now())) };
    },
  });
  const collected = route({
    method: 'get',
    path: '/kkr/overview',
    summary: 'The collected overview for KKR as data: every scheme the caller may collect (an admin all, a secretariat its members)',
    tags: ['kkr'],
    query: OverviewQuery,
    responses: { 200: { description: 'the schemes', schema: z.object({ year: z.number().int(), schemes: z.array(Scheme) }) } },
    handle: async ({ principal, query }) => {
      const municipalities = collectable(principal, query.cooperation);
      if (!municipalities) throw forbidden();
      const year = query.year ?? defaultYear();
      const schemes = await overview(deps, municipalities, year);
      return { status: 200, body: { year, schemes: schemes.map((s) => ({ ...s, year })) } };
    },
  });
  const onePdf = route({
    method: 'get',
    path: '/kkr/schemes/:municipality/scheme.pdf',
    summary: 'A municipality’s scheme as PDF (for the municipal council in January/February)',
    tags: ['kkr'],
    params: MunicipalityParams,
    query: YearQuery,
    responses: { 200: { description: 'the scheme', schema: z.string(), contentType: PDF } },
    handle: async ({ principal, params, query }) => {
      if (!isMunicipality(params.municipality)) throw unknownMunicipality();
      if (!mayReadScheme(principal, params.municipality)) throw forbidden();
      const year = query.year ?? defaultYear();
      const rows = await schemeOf(deps, params.municipality, year);
      return {
        status: 200,
        body: await schemePdf(nameOf(params.municipality), year, rows, deps.now().toISOString()),
        headers: { 'Content-Disposition': `attachment; filename="kkr-fremdrift-${params.municipality}-${year}.pdf"` },
      };
    },
  });
  const allPdf = route({
    method: 'get',
    path: '/kkr/overview.pdf',
    summary: 'The collected overview for KKR as PDF: a row per municipality, a column per must recommendation',
    tags: ['kkr'],
    query: OverviewQuery,
    responses: { 200: { description: 'the overview', schema: z.string(), contentType: PDF } },
    handle: async ({ principal, query }) => {
      const municipalities = collectable(principal, query.cooperation);
      if (!municipalities) throw forbidden();
      const year = query.year ?? defaultYear();
      return {
        status: 200,
        body: await overviewPdf(year, await overview(deps, municipalities, year), deps.now().toISOString()),
        headers: { 'Content-Disposition': `attachment; filename="kkr-samlet-${year}.pdf"` },
      };
    },
  });
  return (router: Router) => mountRoutes(router, [cycle, collected, onePdf, allPdf]);
}
