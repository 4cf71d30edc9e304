import type { CandidateInquiry } from '@rs/contracts';
import { createStore, type Handoff } from '@rs/db';
import type { InquiryStore } from '../../app/ports';
import type { StoredAnswer } from '../../domain/inquiry-answer';
import type { MatchingModels } from './pool.model';

const FIELDS = {
  toJobcentre: 1,
  candidateRef: 1,
  fromJobcentre: 1,
  askedBy: 1,
  orderId: 1,
  company: 1,
  question: 1,
  askedAt: 1,
} as const;

function toInquiry(doc: Record<string, unknown>): CandidateInquiry {
  return {
    inquiryId: String(doc._id),
    toJobcentre: Number(doc.toJobcentre),
    candidateRef: String(doc.candidateRef),
    fromJobcentre: Number(doc.fromJobcentre),
    askedBy: String(doc.askedBy),
    ...(typeof doc.orderId === 'string' ? { orderId: doc.orderId } : {}),
    ...(typeof doc.company === 'string' ? { company: doc.company } : {}),
    question: String(doc.question),
    askedAt: String(doc.askedAt),
  };
}

const ANSWER_FIELDS = {
  toJobcentre: 1,
  fromJobcentre: 1,
  candidateRef: 1,
  askedBy: 1,
  answer: 1,
  note: 1,
  answeredBy: 1,
  answeredAt: 1,
  messageId: 1,
} as const;

function toAnswer(doc: Record<string, unknown>): StoredAnswer {
  return {
    inquiryId: String(doc._id),
    toJobcentre: Number(doc.toJobcentre),
    fromJobcentre: Number(doc.fromJobcentre),
    candidateRef: String(doc.candidateRef),
    askedBy: String(doc.askedBy),
    answer: String(doc.answer) as StoredAnswer['answer'],
    ...(typeof doc.note === 'string' ? { note: doc.note } : {}),
    answeredBy: String(doc.answeredBy),
    answeredAt: String(doc.answeredAt),
    messageId: String(doc.messageId),
  };
}

/** Inquiries in MongoDB, inserted through the change log with their message to the home jobcentre's queue. */
export function inquiryRepository(models: Pick<MatchingModels, 'inquiries' | 'inquiryAnswers'>, relay: Handoff): InquiryStore {
  const store = createStore(models.inquiries, relay);
  const collection = models.inquiries.collection;
  const answers = createStore(models.inquiryAnswers, relay);
  return {
    insert({ inquiryId, ...inquiry }, outbox) {
      return store.insert({ _id: inquiryId, ...inquiry }, outbox);
    },
    async find(id) {
      const doc = await collection.findOne({ _id: id as never }, { projection: FIELDS });
      return doc ? toInquiry(doc) : undefined;
    },
    async list(direction, jobcentre, limit) {
      const filter = direction === 'to' ? { toJobcentre: jobcentre } : { fromJobcentre: jobcentre };
      const docs = await collection.find(filter, { projection: FIELDS }).sort({ askedAt: -1 }).limit(limit).toArray();
      return docs.map(toInquiry);
    },
    async answerOf(inquiryId) {
      const doc = await models.inquiryAnswers.collection.findOne({ _id: inquiryId as never }, { projection: ANSWER_FIELDS });
      return doc ? toAnswer(doc) : undefined;
    },
    async answersOf(inquiryIds) {
      if (inquiryIds.length === 0) return new Map();
      const docs = await models.inquiryAnswers.collection
        .find({ _id: { $in: [...inquiryIds] as never[] } }, { projection: ANSWER_FIELDS })
        .toArray();
      return new Map(docs.map((d) => [String(d._id), toAnswer(d)]));
    },
    insertAnswer({ inquiryId, ...answer }, outbox) {
      return answers.insert({ _id: inquiryId, ...answer }, outbox);
    },
    async eraseCandidates(jobcentre, candidateRefs) {
      // The whole inquiry goes: its question and company are about the candidate, and a copy of
      // the message not yet relayed goes with it (the candidate is no longer anyone's to ask about).
      // Its answer too, first: an answer left without its inquiry would name the candidate still.
      const filter = { toJobcentre: jobcentre, candidateRef: { $in: [...candidateRefs] } };
      await models.inquiryAnswers.collection.deleteMany(filter);
      const result = await collection.deleteMany(filter);
      return result.deletedCount;
    },
  };
}
