import { z } from 'zod';
import { Instant, JobcentreCode, OrderId, OrderSummary, RoundId } from './common';
import { CEFR_LEVELS, Certificate, LanguageCode, LicenceCategory } from './cv-vocabulary';

/** A language level an order may ask for: a CEFR level, or `native` (modersmål). */
export const OrderLanguageLevel = z.enum([...CEFR_LEVELS, 'native']);

/**
 * The hard requirements of a job order (issue 15): a candidate without them is not proposed. In
 * matching's closed vocabulary (cv-vocabulary.ts), so what a recipient searches by is what
 * matching filters by; what the company says in its own words travels as `wishes`.
 */
export const OrderRequirements = z.strictObject({
  certificates: z.array(Certificate).max(20),
  /** Driving-licence categories, e.g. `C`, `CE`. */
  licences: z.array(LicenceCategory).max(14),
  /** ISO 639-1 language and the lowest CEFR level that will do (or `native`). */
  languages: z.array(z.strictObject({ language: LanguageCode, level: OrderLanguageLevel })).max(20),
});
export type OrderRequirements = z.infer<typeof OrderRequirements>;

/** What a searching jobcentre works from, beyond the summary. */
export const SearchTerms = z.object({
  requirements: OrderRequirements,
  wishes: z.array(z.string().min(1).max(500)).max(50),
  shortNotice: z.boolean(),
  applicationDeadline: z.iso.date().optional(),
});

/**
 * order-intake → events: the lead changed what the order asks for (issue 15). Matching ranks the
 * pool again for it (`amendment` numbers the changes, so each is ranked once).
 */
export const OrderAmended = z.object({
  orderId: OrderId,
  leadJobcentre: JobcentreCode,
  cooperation: z.string().nullable(),
  amendment: z.number().int().min(1),
  amendedAt: Instant,
  order: OrderSummary,
  terms: SearchTerms,
  /** The fields that changed, e.g. `requirements`, `positions`. */
  changed: z.array(z.string().min(1).max(100)).min(1),
});
export type OrderAmended = z.infer<typeof OrderAmended>;

/**
 * order-intake → a recipient of an open round: the order you are searching for changed. Search
 * by the new terms; a reply already sent stands (amend it with a new round.reply if it no longer fits).
 */
export const RoundOrderAmended = z.object({
  roundId: RoundId,
  orderId: OrderId,
  recipient: JobcentreCode,
  amendment: z.number().int().min(1),
  amendedAt: Instant,
  order: OrderSummary,
  terms: SearchTerms,
  changed: z.array(z.string().min(1).max(100)).min(1),
});
export type RoundOrderAmended = z.infer<typeof RoundOrderAmended>;

/**
 * order-intake → a recipient of an open round: another jobcentre leads the order now (lead
 * handover, issue 15). Questions about the order go to the new lead.
 */
export const RoundLeadChanged = z.object({
  roundId: RoundId,
  orderId: OrderId,
  recipient: JobcentreCode,
  from: JobcentreCode,
  to: JobcentreCode,
  reason: z.string().min(1).max(2000),
  changedAt: Instant,
});
export type RoundLeadChanged = z.infer<typeof RoundLeadChanged>;

/**
 * order-intake → events: another jobcentre leads the order now (lead handover, issue 15). The
 * services that act for the lead (broadcast: replies, overdue notices, who may manage a round)
 * follow it; `changedAt` orders handovers, so an older one redelivered changes nothing.
 */
export const OrderLeadChanged = z.object({
  orderId: OrderId,
  from: JobcentreCode,
  to: JobcentreCode,
  reason: z.string().min(1).max(2000),
  changedAt: Instant,
});
export type OrderLeadChanged = z.infer<typeof OrderLeadChanged>;

const summary = {
  title: 'Lastbilchauffør',
  occupation: '8332',
  positions: 2,
  municipality: 185,
  companyName: 'Vognmand Hansen ApS',
  description: 'Kørsel i Storkøbenhavn, tidlige morgener',
  startBy: '2027-01-04',
};
const terms: z.infer<typeof SearchTerms> = {
  requirements: { certificates: ['driver-cpc'], licences: ['CE'], languages: [{ language: 'da', level: 'B1' }] },
  wishes: ['Erfaring med kran'],
  shortNotice: true,
  applicationDeadline: '2026-12-18',
};

export const orderAmendedExample: OrderAmended = {
  orderId: 'b3c1f7e2-3f0a-4a43-9f4e-2d9f3c1a7e10',
  leadJobcentre: 185,
  cooperation: 'HRS',
  amendment: 1,
  amendedAt: '2026-12-01T11:00:00.000Z',
  order: summary,
  terms,
  changed: ['requirements'],
};

export const roundOrderAmendedExample: RoundOrderAmended = {
  roundId: 'b3c1f7e2-3f0a-4a43-9f4e-2d9f3c1a7e10-1',
  orderId: 'b3c1f7e2-3f0a-4a43-9f4e-2d9f3c1a7e10',
  recipient: 147,
  amendment: 1,
  amendedAt: '2026-12-01T11:00:00.000Z',
  order: summary,
  terms,
  changed: ['requirements'],
};

export const roundLeadChangedExample: RoundLeadChanged = {
  roundId: 'b3c1f7e2-3f0a-4a43-9f4e-2d9f3c1a7e10-1',
  orderId: 'b3c1f7e2-3f0a-4a43-9f4e-2d9f3c1a7e10',
  recipient: 147,
  from: 185,
  to: 101,
  reason: 'Virksomheden har flyttet rekrutteringen til sit hovedkontor i København',
  changedAt: '2026-12-02T09:00:00.000Z',
};

export const orderLeadChangedExample: OrderLeadChanged = {
  orderId: 'b3c1f7e2-3f0a-4a43-9f4e-2d9f3c1a7e10',
  from: 185,
  to: 101,
  reason: 'Virksomheden har flyttet rekrutteringen til sit hovedkontor i København',
  changedAt: '2026-12-02T09:00:00.000Z',
};
