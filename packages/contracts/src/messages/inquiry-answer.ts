import { z } from 'zod';
import { InquiryText } from './candidate-inquiry';
import { CandidateRef, Instant, JobcentreCode } from './common';

/*
 * The home jobcentre answers an inquiry (pool.candidate-inquiry) as it answers a round: its
 * connector publishes pool.inquiry-answer on rs.connectors under its own broker user (or its
 * consultant answers on the web page, through matching's API). Matching records the first answer
 * once and tells the asking jobcentre (pool.inquiry-answered); a refused answer is told to its
 * sender (pool.inquiry-answer-refused). The answer says whether the candidate can be contacted
 * for the order, nothing more: the note is free text without personal data (a CPR-shaped text is
 * refused whole), and the candidate stays named by the pseudonymous reference.
 */

/** RENAMING A VALUE IS A CONTRACT CHANGE: connectors and pages switch on them. */
export const INQUIRY_ANSWERS = {
  available: { en: 'Available: contact us to go ahead', da: 'Til rådighed: kontakt os for at gå videre' },
  'not-available': { en: 'Not available for this', da: 'Ikke til rådighed for dette' },
  'no-longer-searchable': { en: 'No longer searchable', da: 'Ikke længere søgbar' },
} as const;
export type InquiryAnswerValue = keyof typeof INQUIRY_ANSWERS;
export const InquiryAnswerValue = z.enum(Object.keys(INQUIRY_ANSWERS) as [InquiryAnswerValue, ...InquiryAnswerValue[]]);

/** Upper bound of the note's text: a line for the asking consultant, not a CV. */
export const INQUIRY_NOTE_MAX = 500;

/**
 * connector → matching: the home jobcentre's answer to one inquiry. The sender is the AMQP
 * user_id (validated by RabbitMQ), never a field of this body: only the jobcentre the inquiry
 * was sent to can answer it. `candidateRef` must be the inquiry's (a check against answering
 * the wrong one).
 */
export const InquiryAnswer = z.object({
  inquiryId: z.uuid(),
  candidateRef: CandidateRef,
  answer: InquiryAnswerValue,
  /** For the asking consultant, e.g. when to call; no personal data, never a CPR number. */
  note: InquiryText(INQUIRY_NOTE_MAX).optional(),
});
export type InquiryAnswer = z.infer<typeof InquiryAnswer>;

export const inquiryAnswerExample: InquiryAnswer = {
  inquiryId: '3f0d6a8e-1c1b-4e9a-9a53-0c4f5e6a7b21',
  candidateRef: 'c-101-0042',
  answer: 'available',
  note: 'Kan starte 4. januar; ring til jobcentret på 3366 3366 / can start 4 January; call the jobcentre',
};

/** An answer as matching recorded it (once), as the asking and the answering jobcentre read it. */
export const RecordedInquiryAnswer = z.object({
  answer: InquiryAnswerValue,
  note: InquiryText(INQUIRY_NOTE_MAX).optional(),
  /** `connector` when the home jobcentre's connector answered, else the consultant's user id. */
  answeredBy: z.string().min(1).max(200),
  answeredAt: Instant,
});
export type RecordedInquiryAnswer = z.infer<typeof RecordedInquiryAnswer>;

/** matching → the asking jobcentre's own queue: its inquiry was answered (once). */
export const InquiryAnswered = RecordedInquiryAnswer.extend({
  inquiryId: z.uuid(),
  candidateRef: CandidateRef,
  /** The candidate's home jobcentre, which answered. */
  toJobcentre: JobcentreCode,
  /** The asking jobcentre (its queue receives this). */
  fromJobcentre: JobcentreCode,
  /** The consultant who asked. */
  askedBy: z.string().min(1).max(200),
});
export type InquiryAnswered = z.infer<typeof InquiryAnswered>;

export const inquiryAnsweredExample: InquiryAnswered = {
  inquiryId: '3f0d6a8e-1c1b-4e9a-9a53-0c4f5e6a7b21',
  candidateRef: 'c-101-0042',
  toJobcentre: 101,
  fromJobcentre: 185,
  askedBy: 'taarnby',
  answer: 'available',
  note: 'Kan starte 4. januar / can start 4 January',
  answeredBy: 'connector',
  answeredAt: '2026-12-01T11:05:00.000Z',
};

/** Why matching refused an answer. RENAMING A CODE IS A CONTRACT CHANGE: connectors switch on them. */
export const INQUIRY_ANSWER_REFUSAL_REASONS = {
  'invalid-answer': {
    en: 'The answer does not match the schema of pool.inquiry-answer',
    da: 'Svaret passer ikke til skemaet for pool.inquiry-answer',
  },
  'unknown-inquiry': {
    en: 'No inquiry with this id exists (or its candidate was erased)',
    da: 'Der findes ingen forespørgsel med dette id (eller kandidaten er slettet)',
  },
  'not-asked': {
    en: 'The inquiry was not sent to your jobcentre: only the candidate’s home jobcentre answers it',
    da: 'Forespørgslen er ikke sendt til jeres jobcenter: kun kandidatens hjemjobcenter svarer på den',
  },
  'wrong-candidate': {
    en: 'The inquiry is about another candidate than the answer names',
    da: 'Forespørgslen handler om en anden kandidat end den, svaret nævner',
  },
  'already-answered': {
    en: 'The inquiry was answered before with another answer; the first answer stands',
    da: 'Forespørgslen er allerede besvaret med et andet svar; det første svar står ved magt',
  },
} as const;
export type InquiryAnswerRefusalReason = keyof typeof INQUIRY_ANSWER_REFUSAL_REASONS;
export const InquiryAnswerRefusalReason = z.enum(
  Object.keys(INQUIRY_ANSWER_REFUSAL_REASONS) as [InquiryAnswerRefusalReason, ...InquiryAnswerRefusalReason[]],
);

/**
 * matching → the sender's own queue: a pool.inquiry-answer from this jobcentre was refused and
 * dead-lettered; nothing of it was recorded.
 */
export const InquiryAnswerRefused = z.object({
  /** The envelope id of the refused pool.inquiry-answer. */
  refusedMessageId: z.string().min(1).max(200),
  /** The jobcentre that sent it (its queue receives this). */
  recipient: JobcentreCode,
  /** The inquiry the answer named, when it could be read from it. */
  inquiryId: z.uuid().optional(),
  reason: InquiryAnswerRefusalReason,
  /** The reason for a person, in English and Danish. */
  message: z.object({ en: z.string().min(1).max(500), da: z.string().min(1).max(500) }),
  /** Which fields were wrong, for `invalid-answer` (never their values). */
  detail: z.string().max(2000).optional(),
  refusedAt: Instant,
});
export type InquiryAnswerRefused = z.infer<typeof InquiryAnswerRefused>;

export const inquiryAnswerRefusedExample: InquiryAnswerRefused = {
  refusedMessageId: '6e1c8b6f-9a2f-4f1e-8b68-2e1d4c3a0f55',
  recipient: 167,
  inquiryId: '3f0d6a8e-1c1b-4e9a-9a53-0c4f5e6a7b21',
  reason: 'not-asked',
  message: INQUIRY_ANSWER_REFUSAL_REASONS['not-asked'],
  refusedAt: '2026-12-01T11:05:01.000Z',
};
