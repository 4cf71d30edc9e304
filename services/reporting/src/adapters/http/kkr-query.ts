import { CooperationIdField, cooperationById, cooperationsAt } from '@rs/contracts';
import { codeParam, HttpError } from '@rs/service-kit';
import { z } from 'zod';
import { collectable, type KkrDeps } from '../../app/kkr';
import type { Actor } from '../../domain/access';
import { defaultSchemeYear } from '../../domain/kkr-cycle';
import { unknownCooperation } from './figure-problems';

/** The KKR routes' shared inputs and problems (the scheme, its marks and its exports). */
export const Year = z.coerce.number().int().min(2020).max(2100);
export const YearQuery = z.object({ year: Year.optional() });
/** `cooperation`: any cooperation the admin keeps; an unknown one is a 400 at the field (figure-problems' unknownCooperation). */
export const OverviewQuery = z.object({ year: Year.optional(), cooperation: CooperationIdField.optional() });
export const MunicipalityParams = z.object({ municipality: codeParam });

export const forbidden = () =>
  new HttpError(403, 'forbidden', { en: 'Not your municipality’s scheme', da: 'Ikke din kommunes fremdriftsskema' });
export const unknownMunicipality = () =>
  new HttpError(404, 'not-found', { en: 'No jobcentre municipality with this code', da: 'Ingen jobcenterkommune med denne kode' });

/** Today's date in Denmark (`2026-12-01`), where the KKR cycle's phases are dated. */
export const localToday = (now: Date): string => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Copenhagen' }).format(now);

/** The year of the scheme a query without a year means (in January–February: last year's, see defaultSchemeYear). */
export const schemeYear = (now: Date): number => defaultSchemeYear(localToday(now));

/**
 * The municipalities the caller collects for the overview (an admin all or one cooperation's, a
 * secretariat its members): a cooperation the admin does not keep is a 400 at its field, one the
 * caller may not collect a 403.
 */
export function collecting(deps: KkrDeps, principal: Actor, cooperation: string | undefined): number[] {
  const cooperations = cooperationsAt(deps.cooperations(), deps.now());
  if (cooperation !== undefined && !cooperationById(cooperations.view, cooperation)) throw unknownCooperation(cooperation);
  const municipalities = collectable(principal, cooperations, cooperation);
  if (!municipalities) throw forbidden();
  return municipalities;
}
