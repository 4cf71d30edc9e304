import { cooperationsAt, KkrCycle, KkrOverview } from '@rs/contracts';
import { mountRoutes, route } from '@rs/service-kit';
import type { Router } from 'express';
import { z } from 'zod';
import { isMunicipality, type KkrDeps, mayReadScheme, nameOf, overview, schemeOf } from '../../app/kkr';
import type { SchemeRow } from '../../domain/kkr';
import { overviewCsv, schemeCsv } from '../../domain/kkr';
import { cycleOf } from '../../domain/kkr-cycle';
import { overviewPdf, schemePdf } from '../pdf/kkr.pdf';
import {
  collecting,
  forbidden,
  localToday,
  MunicipalityParams,
  OverviewQuery,
  schemeYear,
  unknownMunicipality,
  YearQuery,
} from './kkr-query';

type Schemes = ReadonlyArray<{ name: string; rows: readonly SchemeRow[] }>;

/**
 * The files the scheme is exported as: CSV for Danish Excel, PDF as the page looks. Each is drawn
 * from the same rows; only the drawing and the words of the route differ.
 */
const FORMATS = {
  csv: {
    contentType: 'text/csv; charset=utf-8',
    one: 'A municipality’s scheme as CSV for Danish Excel (for the municipal council in January/February)',
    all: 'The collected overview for KKR: every municipality’s scheme (an admin all, a secretariat its members)',
    scheme: async (name: string, year: number, rows: readonly SchemeRow[], _printedAt: string) => schemeCsv(name, year, rows),
    overview: async (year: number, schemes: Schemes, _printedAt: string) => overviewCsv(year, schemes),
  },
  pdf: {
    contentType: 'application/pdf',
    one: 'A municipality’s scheme as PDF (for the municipal council in January/February)',
    all: 'The collected overview for KKR as PDF: a row per municipality, a column per must recommendation',
    scheme: schemePdf,
    overview: overviewPdf,
  },
} as const;

/** The KKR scheme's annual cycle, the collected overview as data, and the schemes as CSV and PDF. */
export function kkrExportRoutes(deps: KkrDeps) {
  const defaultYear = () => schemeYear(deps.now());
  const cycle = route({
    method: 'get',
    path: '/kkr/cycle',
    summary:
      'The annual cycle of a year’s scheme (marking, the municipal council in January/February, collected for KKR) and where today is in it',
    tags: ['kkr'],
    query: YearQuery,
    responses: { 200: { description: 'the cycle', schema: KkrCycle } },
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
    responses: { 200: { description: 'the schemes', schema: KkrOverview } },
    handle: async ({ principal, query }) => {
      const municipalities = collecting(deps, principal, query.cooperation);
      const year = query.year ?? defaultYear();
      const schemes = await overview(deps, municipalities, year);
      return { status: 200, body: { year, schemes: schemes.map((s) => ({ ...s, year })) } };
    },
  });
  const schemeFile = (kind: keyof typeof FORMATS) =>
    route({
      method: 'get',
      path: `/kkr/schemes/:municipality/scheme.${kind}`,
      summary: FORMATS[kind].one,
      tags: ['kkr'],
      params: MunicipalityParams,
      query: YearQuery,
      responses: { 200: { description: 'the scheme', schema: z.string(), contentType: FORMATS[kind].contentType } },
      handle: async ({ principal, params, query }) => {
        if (!isMunicipality(params.municipality)) throw unknownMunicipality();
        if (!mayReadScheme(principal, params.municipality, cooperationsAt(deps.cooperations(), deps.now()))) throw forbidden();
        const year = query.year ?? defaultYear();
        const rows = await schemeOf(deps, params.municipality, year);
        return {
          status: 200,
          body: await FORMATS[kind].scheme(nameOf(params.municipality), year, rows, deps.now().toISOString()),
          headers: { 'Content-Disposition': `attachment; filename="kkr-fremdrift-${params.municipality}-${year}.${kind}"` },
        };
      },
    });
  const overviewFile = (kind: keyof typeof FORMATS) =>
    route({
      method: 'get',
      path: `/kkr/overview.${kind}`,
      summary: FORMATS[kind].all,
      tags: ['kkr'],
      query: OverviewQuery,
      responses: { 200: { description: 'the overview', schema: z.string(), contentType: FORMATS[kind].contentType } },
      handle: async ({ principal, query }) => {
        const municipalities = collecting(deps, principal, query.cooperation);
        const year = query.year ?? defaultYear();
        return {
          status: 200,
          body: await FORMATS[kind].overview(year, await overview(deps, municipalities, year), deps.now().toISOString()),
          headers: { 'Content-Disposition': `attachment; filename="kkr-samlet-${year}.${kind}"` },
        };
      },
    });
  return (router: Router) =>
    mountRoutes(router, [cycle, collected, schemeFile('csv'), overviewFile('csv'), schemeFile('pdf'), overviewFile('pdf')]);
}
