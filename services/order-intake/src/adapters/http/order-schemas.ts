import { CandidateRef, LawStatus, OrderState, OrderSummary, SCOPE_IDS } from '@rs/contracts';
import { isJobcentre } from '@rs/reference-data';
import { FROM_AFTER_TO, fromNotAfterTo, idParam, intQuery, isoDate, pageOf, pageQuery } from '@rs/service-kit';
import { z } from 'zod';
import { CERTIFICATE_KEYS, EMPLOYMENT_TYPES, LANGUAGE_LEVELS, LICENCE_CATEGORIES, WORKING_TIMES } from '../../domain/details';
import { CLOSED_STATES } from '../../domain/lifecycle';
import { CHANNELS } from '../../domain/order';
import { Cvr } from './company-schemas';

/*
 * What order-intake's routes accept and answer. Every body is a strict object (unknown fields are
 * refused, naming the field); every text has a length limit; nothing is passed on as an object a
 * client made (a NoSQL operator object where a string belongs fails as a wrong type).
 */

const Municipality = z.number().int().min(100).max(999);
const JobcentreCode = z.number().int().min(100).max(999).refine(isJobcentre, 'not a jobcentre code');
const Text = (max: number) => z.string().trim().min(1).max(max);

/** A DISCO-08 code: 1 to 6 digits (major group to the Danish sub-occupation). */
export const DiscoCode = z.string().regex(/^\d{1,6}$/, 'a DISCO-08 code is 1–6 digits (en DISCO-08-kode er 1–6 cifre)');

export const Requirements = z.strictObject({
  /** Matching's certificate vocabulary (GET /vocabulary of matching, contracts cv-vocabulary.ts); free text goes in `wishes`. */
  certificates: z.array(z.enum(CERTIFICATE_KEYS)).max(20).default([]),
  licences: z.array(z.enum(LICENCE_CATEGORIES)).max(14).default([]),
  languages: z
    .array(z.strictObject({ language: z.string().regex(/^[a-z]{2}$/, 'an ISO 639-1 code, e.g. da'), level: z.enum(LANGUAGE_LEVELS) }))
    .max(20)
    .default([]),
});

const Contact = z.strictObject({
  name: Text(200),
  phone: z
    .string()
    .regex(/^\+?[0-9 ]{8,20}$/, 'a phone number')
    .optional(),
  email: z.email().max(200).optional(),
});

/** The fields a job order holds (issue 15, part 2), for both registering and amending. */
const detailFields = {
  title: Text(200),
  description: z.string().max(4000),
  /** DISCO-08 code of the occupation. */
  occupation: DiscoCode,
  /** The occupation in the company's own words. */
  occupationText: Text(200).optional(),
  /** The taxonomy the code is from; DISCO-08 unless said. */
  taxonomyVersion: z
    .string()
    .regex(/^[A-Z0-9-]{3,20}$/, 'e.g. DISCO-08 (f.eks. DISCO-08)')
    .optional(),
  positions: z.number().int().min(1).max(1000),
  /** Where the job is; defaults to the company's municipality. */
  municipality: Municipality,
  employmentType: z.enum(EMPLOYMENT_TYPES),
  workingTime: z.enum(WORKING_TIMES),
  weeklyHours: z.number().min(1).max(60),
  /** Wanted start. */
  startBy: z.iso.date(),
  applicationDeadline: z.iso.date(),
  requirements: Requirements,
  wishes: z.array(Text(500)).max(50),
  shortNotice: z.boolean(),
  contact: Contact,
  /** A large project: the onboarding consultant follows up every hire (R10). */
  largeProject: z.boolean(),
};

export const CreateOrderBody = z
  .strictObject({
    /** A registered company (GET /companies): the order takes its lead and data from it (R1). */
    companyId: z
      .string()
      .regex(/^\d{8}(-\d{10})?$/, 'a CVR number, or CVR-P-number')
      .optional(),
    /** The company written out, for one not registered; give this or companyId. */
    company: z
      .strictObject({
        name: Text(200),
        /** Checked as a CVR number (modulus 11). A registered company's is taken from its record: see POST /orders. */
        cvr: Cvr.optional(),
        municipality: Municipality,
      })
      .optional(),
    title: detailFields.title,
    occupation: detailFields.occupation,
    occupationText: detailFields.occupationText,
    taxonomyVersion: detailFields.taxonomyVersion,
    positions: detailFields.positions,
    municipality: detailFields.municipality.optional(),
    description: detailFields.description.default(''),
    employmentType: detailFields.employmentType.optional(),
    workingTime: detailFields.workingTime.optional(),
    weeklyHours: detailFields.weeklyHours.optional(),
    startBy: detailFields.startBy.optional(),
    applicationDeadline: detailFields.applicationDeadline.optional(),
    requirements: Requirements.optional(),
    wishes: detailFields.wishes.default([]),
    shortNotice: detailFields.shortNotice.default(false),
    contact: Contact.optional(),
    largeProject: detailFields.largeProject.optional(),
    /** How the order came in; a jobcentre may say an a-kasse or a company's system (api) brought it. The phone line is always phone-line. */
    channel: z.enum(CHANNELS).optional(),
    /** The recruitment agreement it falls under. */
    agreementId: idParam(100).optional(),
    /** Ask broadcast to open a round at once (R5). */
    broadcast: z.strictObject({ scope: z.enum(SCOPE_IDS) }).optional(),
    /** R1: the phone line may name the jobcentre the company chose; otherwise its municipality's. */
    leadJobcentre: z.number().int().optional(),
  })
  .refine((b) => (b.company === undefined) !== (b.companyId === undefined), {
    message: 'give company or companyId, not both (angiv company eller companyId)',
    path: ['companyId'],
  });
export type CreateOrderBody = z.infer<typeof CreateOrderBody>;

/** PATCH /orders/:id: any of the order's fields; the rest stays. */
export const AmendOrderBody = z
  .strictObject(
    Object.fromEntries(Object.entries(detailFields).map(([k, v]) => [k, v.optional()])) as {
      [K in keyof typeof detailFields]: z.ZodOptional<(typeof detailFields)[K]>;
    },
  )
  .refine((b) => Object.keys(b).length > 0, { message: 'name at least one field to change / angiv mindst ét felt' });
export type AmendOrderBody = z.infer<typeof AmendOrderBody>;

export const TransitionBody = z.strictObject({
  /** Where the lead moves the order: in dialogue with the company, or searching (again). */
  to: z.enum(['in-dialogue', 'searching']),
  reason: Text(2000).optional(),
});

export const CloseOrderBody = z.strictObject({
  /** `unfilled` is the name before issue 15 for closed-unfilled. */
  outcome: z.enum([...CLOSED_STATES, 'unfilled']),
  reason: Text(2000).optional(),
  /** An admin closes as unfilled before every jobcentre answered (R7), with a written reason. */
  override: z.boolean().optional(),
});

export const HireBody = z.strictObject({
  jobcentre: JobcentreCode,
  candidateRef: CandidateRef,
  startDate: z.iso.date(),
  weeklyHours: z.number().min(1).max(60),
});

export const ReferralBody = z.strictObject({
  jobcentre: JobcentreCode,
  candidateRef: CandidateRef,
  /** Ids of the cooperation's screening principles that were checked (GET /screening-principles). */
  screening: z.array(z.string().regex(/^[a-z-]{1,40}$/, 'a principle id')).max(20),
});

export const ReferralOutcomeBody = z.strictObject({
  outcome: z.enum(['interview', 'rejected']),
  /** Why the company said no; required with rejected. */
  reason: Text(2000).optional(),
});

export const HandoverBody = z.strictObject({ to: JobcentreCode, reason: Text(2000) });

export const OrderParams = z.object({ id: idParam(100) });
export const ReferralParams = z.object({
  id: idParam(100),
  referralId: z.string().regex(/^\d{3}-[A-Za-z0-9_-]{1,64}$/, '<jobcentre>-<candidateRef>'),
});

/** Strict: an unknown parameter (`status[$ne]`, a misspelt filter) is refused, not ignored. */
export const OrdersQuery = z
  .strictObject({
    ...pageQuery(50, 200),
    status: OrderState.optional(),
    /** BEK 442/2023 § 137 status: the states that map to it. */
    lawStatus: LawStatus.optional(),
    lead: intQuery(100, 999).optional(),
    cooperation: z
      .string()
      .regex(/^[A-Z]{2,10}$/, 'a cooperation id, e.g. HRS')
      .optional(),
    channel: z.enum(CHANNELS).optional(),
    /** Orders with a warned or breached service goal (R3, R4). */
    goal: z.enum(['warned', 'breached']).optional(),
    /** Registered on or after this day (a Danish day, Europe/Copenhagen). */
    from: isoDate.optional(),
    /** Registered on or before this day (a Danish day). */
    to: isoDate.optional(),
  })
  .refine(fromNotAfterTo, FROM_AFTER_TO);

export const ScreeningQuery = z.strictObject({
  cooperation: z
    .string()
    .regex(/^[A-Z]{2,10}$/, 'a cooperation id, e.g. HRS')
    .optional(),
});

const RoundProgressView = z.object({
  roundId: z.string(),
  scope: z.enum(SCOPE_IDS).optional(),
  recipients: z.array(z.number().int()),
  replied: z.array(z.number().int()),
  overdue: z.array(z.number().int()),
  status: z.enum(['open', 'complete']),
  candidateCount: z.number().int(),
  proposedNextScope: z.enum(SCOPE_IDS).nullable().optional(),
});

const DetailsView = z.object({
  title: z.string(),
  description: z.string(),
  occupation: z.object({ code: z.string(), taxonomy: z.string(), text: z.string().optional() }),
  positions: z.number().int(),
  workplaceMunicipality: z.number().int(),
  employmentType: z.enum(EMPLOYMENT_TYPES).optional(),
  workingTime: z.enum(WORKING_TIMES).optional(),
  weeklyHours: z.number().optional(),
  startBy: z.string().optional(),
  applicationDeadline: z.string().optional(),
  requirements: z.object({
    certificates: z.array(z.string()),
    licences: z.array(z.string()),
    languages: z.array(z.object({ language: z.string(), level: z.string() })),
  }),
  wishes: z.array(z.string()),
  shortNotice: z.boolean(),
  contact: z.object({ name: z.string(), phone: z.string().optional(), email: z.string().optional() }).optional(),
});

const ReferralView = z.object({
  id: z.string(),
  jobcentre: z.number().int(),
  candidateRef: z.string(),
  presentedAt: z.string(),
  presentedBy: z.string(),
  screening: z.array(z.string()),
  outcome: z
    .object({ kind: z.enum(['interview', 'hired', 'rejected']), reason: z.string().optional(), at: z.string(), by: z.string() })
    .optional(),
});

const TimelineView = z.object({
  id: z.string(),
  at: z.string(),
  by: z.string(),
  kind: z.string(),
  from: OrderState.optional(),
  to: OrderState.optional(),
  reason: z.string().optional(),
  override: z.boolean().optional(),
  note: z.string().optional(),
});

export const OrderView = z
  .object({
    id: z.string(),
    leadJobcentre: z.number().int(),
    cooperation: z.string().nullable(),
    channel: z.enum(CHANNELS),
    registeredAt: z.string(),
    status: OrderState,
    /** BEK 442/2023 § 137. */
    lawStatus: LawStatus,
    company: z.object({ id: z.string().optional(), name: z.string(), cvr: z.string().optional(), municipality: z.number().int() }),
    order: OrderSummary,
    details: DetailsView,
    agreementId: z.string().optional(),
    largeProject: z.boolean(),
    broadcastRequested: z.object({ scope: z.enum(SCOPE_IDS) }).nullable(),
    rounds: z.array(RoundProgressView),
    hires: z.array(
      z.object({
        jobcentre: z.number().int(),
        candidateRef: z.string(),
        hiredAt: z.string(),
        startDate: z.string().optional(),
        weeklyHours: z.number().optional(),
      }),
    ),
    /** The referral log (formidlingslog): the candidates presented, as far as the caller may see them. */
    referrals: z.array(ReferralView),
    positions: z.object({ wanted: z.number().int(), filled: z.number().int() }),
    timeline: z.array(TimelineView),
    amendments: z.number().int(),
    closedAt: z.string().optional(),
    /** R7: true once every jobcentre of a completed round has replied. */
    everyJobcentreSearched: z.boolean(),
  })
  .meta({ id: 'Order' });

export const OrderPage = pageOf('orders', OrderView);

export const ScreeningView = z.object({
  cooperation: z.string().nullable(),
  principles: z.array(z.object({ id: z.string(), en: z.string(), da: z.string() })),
});
