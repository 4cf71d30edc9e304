import type { CandidateInquiry } from '@rs/contracts';
import { createStore, type Handoff } from '@rs/db';
import type { InquiryStore } from '../../app/ports';
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

/** Inquiries in MongoDB, inserted through the change log with their message to the home jobcentre's queue. */
export function inquiryRepository(models: Pick<MatchingModels, 'inquiries'>, relay: Handoff): InquiryStore {
  const store = createStore(models.inquiries, relay);
  const collection = models.inquiries.collection;
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
    async eraseCandidates(jobcentre, candidateRefs) {
      // The whole inquiry goes: its question and company are about the candidate, and a copy of
      // the message not yet relayed goes with it (the candidate is no longer anyone's to ask about).
      const result = await collection.deleteMany({ toJobcentre: jobcentre, candidateRef: { $in: [...candidateRefs] } });
      return result.deletedCount;
    },
  };
}
