import { codeParam, HttpError } from '@rs/service-kit';
import { z } from 'zod';
import { defaultSchemeYear } from '../../domain/kkr-cycle';

/** The KKR routes' shared inputs and problems (the scheme, its marks and its exports). */
export const Year = z.coerce.number().int().min(2020).max(2100);
export const YearQuery = z.object({ year: Year.optional() });
export const OverviewQuery = z.object({ year: Year.optional(), cooperation: z.enum(['HRS', 'JRS']).optional() });
export const MunicipalityParams = z.object({ municipality: codeParam });

export const forbidden = () =>
  new HttpError(403, 'forbidden', { en: 'Not your municipality’s scheme', da: 'Ikke din kommunes fremdriftsskema' });
export const unknownMunicipality = () =>
  new HttpError(404, 'not-found', { en: 'No jobcentre municipality with this code', da: 'Ingen jobcenterkommune med denne kode' });

/** Today's date in Denmark (`2026-12-01`), where the KKR cycle's phases are dated. */
export const localToday = (now: Date): string => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Copenhagen' }).format(now);

/** The year of the scheme a query without a year means (in January–February: last year's, see defaultSchemeYear). */
export const schemeYear = (now: Date): number => defaultSchemeYear(localToday(now));
