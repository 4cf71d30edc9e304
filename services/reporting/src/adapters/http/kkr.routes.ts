import { cooperationsAt } from '@rs/contracts';
import { randomUUID } from 'node:crypto';
import { KkrEntry, KkrLight, KkrRecommendation, KkrScheme } from '@rs/contracts';
import { HttpError, mountRoutes, route } from '@rs/service-kit';
import type { Router } from 'express';
import { z } from 'zod';
import { isMunicipality, type KkrDeps, mayMarkScheme, mayReadScheme, nameOf, overview, schemeOf } from '../../app/kkr';
import { collecting, forbidden, MunicipalityParams, OverviewQuery, schemeYear, unknownMunicipality, Year, YearQuery } from './kkr-query';

const MarkBody = z.strictObject({
  recommendationId: z.string().min(1).max(60),
  year: Year,
  status: KkrLight,
  remark: z.string().max(2000).default(''),
});

/** The KKR progress scheme (issue 20, part 4): the recommendations, a scheme, its marks (the files: kkr-exports.routes.ts). */
export function kkrRoutes(deps: KkrDeps) {
  const defaultYear = () => schemeYear(deps.now());
  const readable = (principal: Parameters<typeof mayReadScheme>[0], municipality: number) => {
    if (!isMunicipality(municipality)) throw unknownMunicipality();
    if (!mayReadScheme(principal, municipality, cooperationsAt(deps.cooperations(), deps.now()))) throw forbidden();
  };
  const recommendations = route({
    method: 'get',
    path: '/kkr/recommendations',
    summary: 'The KKR recommendations of a year (category, must or may, text)',
    tags: ['kkr'],
    query: YearQuery,
    responses: { 200: { description: 'the recommendations', schema: z.array(KkrRecommendation) } },
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
    responses: { 200: { description: 'the scheme', schema: KkrScheme } },
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
    responses: { 201: { description: 'the entry', schema: KkrEntry } },
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
  return (router: Router) => mountRoutes(router, [recommendations, read, mark]);
}
