import type { z } from 'zod';
import { EXCHANGES } from './topology';
import { OrderRegistered, orderRegisteredExample } from './messages/order-registered';
import { RoundOpened, roundOpenedExample } from './messages/round-opened';
import { OrderBroadcast, orderBroadcastExample } from './messages/order-broadcast';
import { RoundReply, roundReplyExample } from './messages/round-reply';
import { RoundReplyRefused, roundReplyRefusedExample } from './messages/reply-refused';
import { ReplyRecorded, replyRecordedExample } from './messages/reply-recorded';
import { RecipientOverdue, recipientOverdueExample } from './messages/recipient-overdue';
import { RoundCompleted, roundCompletedExample } from './messages/round-completed';
import {
  OrderClosed,
  orderClosedExample,
  OverdueNotice,
  overdueNoticeExample,
  ReplyReceived,
  replyReceivedExample,
  RoundReminder,
  roundReminderExample,
  RoundWithdrawn,
  roundWithdrawnExample,
} from './messages/jobcentre-notices';
import {
  CvErased,
  cvErasedExample,
  CvSyncCompleted,
  CvsUpserted,
  CvsWithdrawn,
  cvSyncCompletedExample,
  cvsUpsertedExample,
  cvsWithdrawnExample,
  StaleCvs,
  staleCvsExample,
} from './messages/cv';
import { CandidateInquiry, candidateInquiryExample } from './messages/candidate-inquiry';
import {
  InquiryAnswer,
  InquiryAnswered,
  inquiryAnsweredExample,
  inquiryAnswerExample,
  InquiryAnswerRefused,
  inquiryAnswerRefusedExample,
} from './messages/inquiry-answer';
import { OrderShortlisted, orderShortlistedExample, RoundShortlist, roundShortlistExample } from './messages/shortlist';
import { OrderStatusChanged, orderStatusChangedExample } from './messages/order-lifecycle';
import {
  OrderAmended,
  orderAmendedExample,
  OrderLeadChanged,
  orderLeadChangedExample,
  RoundLeadChanged,
  roundLeadChangedExample,
  RoundOrderAmended,
  roundOrderAmendedExample,
} from './messages/order-amended';
import { CandidateHired, candidateHiredExample, CandidateWithdrawn, candidateWithdrawnExample } from './messages/hire';
import { ServiceGoalAlert, serviceGoalAlertExample, ServiceGoalNotice, serviceGoalNoticeExample } from './messages/service-goals';
import { CourseOffered, courseOfferedExample } from './messages/course';
import {
  SeatAllocated,
  seatAllocatedExample,
  SeatCandidateDecided,
  seatCandidateDecidedExample,
  SeatGranted,
  seatGrantedExample,
  SeatRequest,
  SeatRequestRecorded,
  seatRequestRecordedExample,
  SeatRequestRefused,
  seatRequestRefusedExample,
  seatRequestExample,
  SeatWithdraw,
  seatWithdrawExample,
} from './messages/seat';
import {
  CourseOpened,
  courseOpenedExample,
  CourseOutcomeRecorded,
  courseOutcomeRecordedExample,
  CourseSeatsAllocated,
  courseSeatsAllocatedExample,
  NeedRecorded,
  needRecordedExample,
} from './messages/reported-upskilling';
import {
  FollowUpPlanned,
  followUpPlannedExample,
  FollowUpRecorded,
  followUpRecordedExample,
  FundAgreementRecorded,
  fundAgreementRecordedExample,
  RecruitmentAgreementRecorded,
  recruitmentAgreementRecordedExample,
} from './messages/reported-intake';
import { CooperationChanged, cooperationChangedExample, SecretariatNotice, secretariatNoticeExample } from './messages/cooperation';

/**
 * The contract: one entry per message name with its schema, major version, where it travels,
 * who publishes it and an example. Everything else (docs/messages.md, JSON Schemas, handler
 * maps) is derived from this object.
 */
export const catalog = {
  'order.registered': {
    version: 1,
    schema: OrderRegistered,
    exchange: EXCHANGES.events,
    publisher: 'order-intake',
    description: 'A job order was accepted and stored; carries the broadcast request, if any.',
    example: orderRegisteredExample,
  },
  'round.opened': {
    version: 1,
    schema: RoundOpened,
    exchange: EXCHANGES.events,
    publisher: 'broadcast',
    description: 'A broadcast round was opened; its recipients and deadline are fixed.',
    example: roundOpenedExample,
  },
  'round.order-broadcast': {
    version: 1,
    schema: OrderBroadcast,
    exchange: EXCHANGES.jobcentres,
    publisher: 'broadcast',
    description: "Sent to one recipient jobcentre's own queue: search and reply by the deadline.",
    example: orderBroadcastExample,
  },
  'round.reply': {
    version: 1,
    schema: RoundReply,
    exchange: EXCHANGES.connectors,
    publisher: 'connector',
    description:
      'A recipient jobcentre answers a round: `candidates` with 1–50 candidates, or explicitly `none` with an empty list. A later, different reply amends it until the order is closed.',
    example: roundReplyExample,
  },
  'round.reply-refused': {
    version: 1,
    schema: RoundReplyRefused,
    exchange: EXCHANGES.jobcentres,
    publisher: 'broadcast',
    description:
      "Sent to the sending jobcentre's queue when its round.reply was refused (invalid, unknown round, not a recipient) and dead-lettered: nothing was recorded; send a corrected reply with a new id.",
    example: roundReplyRefusedExample,
  },
  'round.reply-recorded': {
    version: 1,
    schema: ReplyRecorded,
    exchange: EXCHANGES.events,
    publisher: 'broadcast',
    description: 'A reply was recorded once (late replies are marked late).',
    example: replyRecordedExample,
  },
  'round.recipient-overdue': {
    version: 1,
    schema: RecipientOverdue,
    exchange: EXCHANGES.events,
    publisher: 'broadcast',
    description: 'A recipient let the deadline pass without replying.',
    example: recipientOverdueExample,
  },
  'round.completed': {
    version: 1,
    schema: RoundCompleted,
    exchange: EXCHANGES.events,
    publisher: 'broadcast',
    description: 'Every recipient has replied or is overdue.',
    example: roundCompletedExample,
  },
  'order.closed': {
    version: 1,
    schema: OrderClosed,
    exchange: EXCHANGES.events,
    publisher: 'order-intake',
    description: 'The order is filled, cancelled, or closed unfilled (only after every jobcentre was searched, R7).',
    example: orderClosedExample,
  },
  'round.reminder': {
    version: 1,
    schema: RoundReminder,
    exchange: EXCHANGES.jobcentres,
    publisher: 'broadcast',
    description: 'Sent to a recipient that has not replied: before the deadline, and once more when it has passed (overdue: true).',
    example: roundReminderExample,
  },
  'round.reply-received': {
    version: 1,
    schema: ReplyReceived,
    exchange: EXCHANGES.jobcentres,
    publisher: 'broadcast',
    description: "Sent to the lead jobcentre's queue for every reply (and amendment) to its round, with the proposed candidates.",
    example: replyReceivedExample,
  },
  'round.overdue-notice': {
    version: 1,
    schema: OverdueNotice,
    exchange: EXCHANGES.jobcentres,
    publisher: 'broadcast',
    description: "Sent to the lead jobcentre's queue when a recipient let the deadline pass.",
    example: overdueNoticeExample,
  },
  'round.withdrawn': {
    version: 1,
    schema: RoundWithdrawn,
    exchange: EXCHANGES.jobcentres,
    publisher: 'broadcast',
    description: 'Sent to every recipient that has not answered when the order is closed: stop searching.',
    example: roundWithdrawnExample,
  },
  'cv.upserted': {
    version: 1,
    schema: CvsUpserted,
    exchange: EXCHANGES.connectors,
    publisher: 'connector',
    description:
      "Adds or updates 1–500 of the sending jobcentre's candidates in the shared pool (common CV template, pseudonymous). A CV whose `revision` is older than the pool's copy is ignored, so out-of-order delivery is harmless.",
    example: cvsUpsertedExample,
  },
  'cv.withdrawn': {
    version: 1,
    schema: CvsWithdrawn,
    exchange: EXCHANGES.connectors,
    publisher: 'connector',
    description: "Removes the sending jobcentre's candidates from the pool; their CV data is deleted there.",
    example: cvsWithdrawnExample,
  },
  'cv.sync-completed': {
    version: 1,
    schema: CvSyncCompleted,
    exchange: EXCHANGES.connectors,
    publisher: 'connector',
    description:
      "Ends a full sync (`rs-connector sync --full`): when the pool holds all `total` CVs of the run `syncId`, it deletes the sending jobcentre's CVs the run did not contain.",
    example: cvSyncCompletedExample,
  },
  'cv.erased': {
    version: 1,
    schema: CvErased,
    exchange: EXCHANGES.events,
    publisher: 'matching',
    description:
      "Candidates left the pool (withdrawn by their jobcentre or dropped by a full sync): every holder of a copy deletes it — broadcast's stored shortlists, rounds and catch-up feed; matching's candidate inquiries; upskilling-seat's named candidates in seat requests (an erased marker, the seats kept); order-intake's hires, referrals and follow-ups (an erased marker, the counts kept); reporting's refs in its facts (the counts kept).",
    example: cvErasedExample,
  },
  'pool.stale-cvs': {
    version: 1,
    schema: StaleCvs,
    exchange: EXCHANGES.jobcentres,
    publisher: 'matching',
    description:
      "Sent to a jobcentre's queue once a day while some of its searchable CVs were not updated for the configured number of days (keep CVs current).",
    example: staleCvsExample,
  },
  'pool.candidate-inquiry': {
    version: 1,
    schema: CandidateInquiry,
    exchange: EXCHANGES.jobcentres,
    publisher: 'matching',
    description:
      "Sent to a candidate's home jobcentre's queue when a consultant of another jobcentre, who found the candidate in a search, asks about them for an order or a company (free text, no CPR number). The home jobcentre answers the asking consultant.",
    example: candidateInquiryExample,
  },
  'pool.inquiry-answer': {
    version: 1,
    schema: InquiryAnswer,
    exchange: EXCHANGES.connectors,
    publisher: 'connector',
    description:
      "The candidate's home jobcentre answers a pool.candidate-inquiry it received: available, not available, or no longer searchable, with an optional note (no personal data). Only the jobcentre the inquiry was sent to can answer it; the first answer is recorded once and stands.",
    example: inquiryAnswerExample,
  },
  'pool.inquiry-answered': {
    version: 1,
    schema: InquiryAnswered,
    exchange: EXCHANGES.jobcentres,
    publisher: 'matching',
    description:
      "Sent once to the asking jobcentre's queue when the candidate's home jobcentre answered its inquiry (by connector or web page).",
    example: inquiryAnsweredExample,
  },
  'pool.inquiry-answer-refused': {
    version: 1,
    schema: InquiryAnswerRefused,
    exchange: EXCHANGES.jobcentres,
    publisher: 'matching',
    description:
      "Sent to the sending jobcentre's queue when its pool.inquiry-answer was refused (invalid, unknown inquiry, not sent to it, another candidate, answered before with another answer) and dead-lettered: nothing was recorded.",
    example: inquiryAnswerRefusedExample,
  },
  'order.shortlisted': {
    version: 1,
    schema: OrderShortlisted,
    exchange: EXCHANGES.events,
    publisher: 'matching',
    description: 'The pool was ranked for an order: per jobcentre, its own best candidates with reasons (at most 10).',
    example: orderShortlistedExample,
  },
  'round.shortlist': {
    version: 1,
    schema: RoundShortlist,
    exchange: EXCHANGES.jobcentres,
    publisher: 'broadcast',
    description:
      "Sent to a recipient when matching's shortlist came after the round opened: this jobcentre's own suggested candidates for the order.",
    example: roundShortlistExample,
  },
  'order.status-changed': {
    version: 1,
    schema: OrderStatusChanged,
    exchange: EXCHANGES.events,
    publisher: 'order-intake',
    description:
      'The order moved in its lifecycle (registered → in dialogue → searching → candidates presented → filled / partly filled / closed unfilled / cancelled), with the BEK 442/2023 § 137 status it maps to.',
    example: orderStatusChangedExample,
  },
  'order.candidate-hired': {
    version: 1,
    schema: CandidateHired,
    exchange: EXCHANGES.events,
    publisher: 'order-intake',
    description: 'A candidate was hired for an order; broadcast withdraws them from every other open round.',
    example: candidateHiredExample,
  },
  'round.candidate-withdrawn': {
    version: 1,
    schema: CandidateWithdrawn,
    exchange: EXCHANGES.jobcentres,
    publisher: 'broadcast',
    description: "Sent to the lead of another order's round: a candidate proposed to it was hired elsewhere and is no longer available.",
    example: candidateWithdrawnExample,
  },
  'order.service-goal-alert': {
    version: 1,
    schema: ServiceGoalAlert,
    exchange: EXCHANGES.events,
    publisher: 'order-intake',
    description:
      'A service goal of an order (R3: in dialogue within 1 working day; R4: candidates or an agreed alternative within 3) was warned before it falls due, or breached; once per goal and kind, for reporting.',
    example: serviceGoalAlertExample,
  },
  'order.service-goal-notice': {
    version: 1,
    schema: ServiceGoalNotice,
    exchange: EXCHANGES.jobcentres,
    publisher: 'order-intake',
    description:
      "Sent to the lead jobcentre's queue when a service goal of its order is about to fall due (warning) or fell due unmet (breach).",
    example: serviceGoalNoticeExample,
  },
  'course.offered': {
    version: 1,
    schema: CourseOffered,
    exchange: EXCHANGES.jobcentres,
    publisher: 'upskilling-seat',
    description:
      "Sent to every jobcentre in the course's scope (the lead included) when an upskilling course opens: request seats with seat.request before `windowClosesAt`, within `maxSeats`.",
    example: courseOfferedExample,
  },
  'seat.request': {
    version: 1,
    schema: SeatRequest,
    exchange: EXCHANGES.connectors,
    publisher: 'connector',
    description:
      'A jobcentre asks for seats on a course, optionally naming pseudonymous candidates; a later request replaces it until the window closes (after that only fewer seats: the rest go to the waiting list). Answered by seat.request-recorded or seat.request-refused.',
    example: seatRequestExample,
  },
  'seat.withdraw': {
    version: 1,
    schema: SeatWithdraw,
    exchange: EXCHANGES.connectors,
    publisher: 'connector',
    description: 'A jobcentre withdraws its seat request; after allocation it gives back every seat it got (they go to the waiting list).',
    example: seatWithdrawExample,
  },
  'seat.request-recorded': {
    version: 1,
    schema: SeatRequestRecorded,
    exchange: EXCHANGES.jobcentres,
    publisher: 'upskilling-seat',
    description: "Sent to the requesting jobcentre's queue whenever its request changed (by connector or web page), or was withdrawn.",
    example: seatRequestRecordedExample,
  },
  'seat.request-refused': {
    version: 1,
    schema: SeatRequestRefused,
    exchange: EXCHANGES.jobcentres,
    publisher: 'upskilling-seat',
    description:
      "Sent to the sender's queue when its seat.request or seat.withdraw was refused (invalid, unknown course, not in scope, window closed, over budget — with the figures) and dead-lettered: nothing changed.",
    example: seatRequestRefusedExample,
  },
  'seat.allocated': {
    version: 1,
    schema: SeatAllocated,
    exchange: EXCHANGES.jobcentres,
    publisher: 'upskilling-seat',
    description:
      'Sent once to each requesting jobcentre when the window closed: its seats, its cost and why, in English and Danish; seats it did not get are on the waiting list.',
    example: seatAllocatedExample,
  },
  'seat.granted': {
    version: 1,
    schema: SeatGranted,
    exchange: EXCHANGES.jobcentres,
    publisher: 'upskilling-seat',
    description:
      'Sent to the first jobcentre on the waiting list when a seat was freed (given back, or a candidate declined by the company).',
    example: seatGrantedExample,
  },
  'seat.candidate-decided': {
    version: 1,
    schema: SeatCandidateDecided,
    exchange: EXCHANGES.jobcentres,
    publisher: 'upskilling-seat',
    description:
      "Sent to the candidate's jobcentre when the company, through the lead, accepted or declined a named candidate; a decline frees the seat.",
    example: seatCandidateDecidedExample,
  },
  'order.amended': {
    version: 1,
    schema: OrderAmended,
    exchange: EXCHANGES.events,
    publisher: 'order-intake',
    description: 'The lead changed what an order asks for (requirements, wishes, positions, …); matching ranks the pool for it again.',
    example: orderAmendedExample,
  },
  'round.order-amended': {
    version: 1,
    schema: RoundOrderAmended,
    exchange: EXCHANGES.jobcentres,
    publisher: 'order-intake',
    description:
      'Sent to every recipient of an open round when the order it searches for changed: search by the new terms (a reply already sent stands until amended).',
    example: roundOrderAmendedExample,
  },
  'round.lead-changed': {
    version: 1,
    schema: RoundLeadChanged,
    exchange: EXCHANGES.jobcentres,
    publisher: 'order-intake',
    description: 'Sent to every recipient of an open round when another jobcentre takes over as the lead of its order (with the reason).',
    example: roundLeadChangedExample,
  },
  'order.lead-changed': {
    version: 1,
    schema: OrderLeadChanged,
    exchange: EXCHANGES.events,
    publisher: 'order-intake',
    description:
      "Another jobcentre took over as the lead of an order (with the reason): broadcast sends the order's replies and overdue notices to the new lead, who alone may manage its rounds.",
    example: orderLeadChangedExample,
  },
  'course.opened': {
    version: 1,
    schema: CourseOpened,
    exchange: EXCHANGES.events,
    publisher: 'upskilling-seat',
    description:
      'An upskilling course was opened (seats bought, price per seat, positive list, the lead and its cooperation), for reporting.',
    example: courseOpenedExample,
  },
  'course.seats-allocated': {
    version: 1,
    schema: CourseSeatsAllocated,
    exchange: EXCHANGES.events,
    publisher: 'upskilling-seat',
    description:
      "A course's seats per jobcentre after the allocation, a seat from the waiting list, a give-back or a decline; the highest `version` of a course is its standing.",
    example: courseSeatsAllocatedExample,
  },
  'course.outcome-recorded': {
    version: 1,
    schema: CourseOutcomeRecorded,
    exchange: EXCHANGES.events,
    publisher: 'upskilling-seat',
    description:
      "A participant's outcome on a course (started, completed, dropped out; hired by the company and when); the highest `version` is the participant's outcome.",
    example: courseOutcomeRecordedExample,
  },
  'need.recorded': {
    version: 1,
    schema: NeedRecorded,
    exchange: EXCHANGES.events,
    publisher: 'upskilling-seat',
    description:
      "A company's coming need (occupation, number, month, whether a course would help) was recorded, for AMK Øst and reporting.",
    example: needRecordedExample,
  },
  'order.follow-up-planned': {
    version: 1,
    schema: FollowUpPlanned,
    exchange: EXCHANGES.events,
    publisher: 'order-intake',
    description: 'A hire on a large project got an onboarding follow-up (R10), due some weeks after the start.',
    example: followUpPlannedExample,
  },
  'order.follow-up-recorded': {
    version: 1,
    schema: FollowUpRecorded,
    exchange: EXCHANGES.events,
    publisher: 'order-intake',
    description: "The onboarding consultant recorded a follow-up's outcome: still employed, or left (retention, R10/R11).",
    example: followUpRecordedExample,
  },
  'agreement.recruitment-recorded': {
    version: 1,
    schema: RecruitmentAgreementRecorded,
    exchange: EXCHANGES.events,
    publisher: 'order-intake',
    description: 'A recruitment agreement with a company was recorded by its lead jobcentre (its period, expected hires), for reporting.',
    example: recruitmentAgreementRecordedExample,
  },
  'agreement.a-kasse-recorded': {
    version: 1,
    schema: FundAgreementRecorded,
    exchange: EXCHANGES.events,
    publisher: 'order-intake',
    description: "An agreement with an unemployment fund (a-kasse) was recorded by a cooperation's secretariat, for reporting.",
    example: fundAgreementRecordedExample,
  },
  'cooperation.changed': {
    version: 1,
    schema: CooperationChanged,
    exchange: EXCHANGES.events,
    publisher: 'reporting',
    description:
      "An admin changed a cooperation (members with their dates, secretariat, chair, targets, reply window, escalation, screening principles; R15). Carries the cooperation's whole new state; a consumer keeps the highest `cooperation.version` and ignores an older or repeated one. A change never alters an open round.",
    example: cooperationChangedExample,
  },
  'round.secretariat-notice': {
    version: 1,
    schema: SecretariatNotice,
    exchange: EXCHANGES.jobcentres,
    publisher: 'broadcast',
    description:
      "Sent to the queue of the jobcentre hosting the lead's cooperation's secretariat (as it was when the round opened), when the cooperation's policy asks for it: a round opened, or a recipient let the deadline pass.",
    example: secretariatNoticeExample,
  },
} as const satisfies Record<string, CatalogEntry>;

export interface CatalogEntry {
  version: number;
  schema: z.ZodType;
  exchange: string;
  publisher: string;
  description: string;
  example: unknown;
}

export type Catalog = typeof catalog;
export type MessageName = keyof Catalog;
export type PayloadOf<N extends MessageName> = z.infer<Catalog[N]['schema']>;

export const MESSAGE_NAMES = Object.keys(catalog) as MessageName[];

export function isMessageName(name: string): name is MessageName {
  return Object.hasOwn(catalog, name);
}
