import { createStore, type Handoff, isDuplicateKey, splitRevision } from '@rs/db';
import type { AgreementStore, CallStore, CompanyStore, FundAgreementStore, NonceStore } from '../../app/company-ports';
import type { FundAgreement, RecruitmentAgreement } from '../../domain/agreement';
import type { Call } from '../../domain/call';
import type { Company } from '../../domain/company';
import type { CompanyModels } from './company.model';

type Doc = Record<string, unknown>;

/** A document as the domain's record: `_id` → `id`. */
function fromDoc<T>(doc: Doc | null): T | undefined {
  if (!doc) return undefined;
  const { _id, ...rest } = doc;
  return { ...rest, id: String(_id) } as T;
}

/** Inserts under the record's id; false when the id exists (E11000). */
async function insertOnce(
  collection: CompanyModels[keyof CompanyModels]['collection'],
  { id, ...fields }: { id: string },
): Promise<boolean> {
  try {
    await collection.insertOne({ _id: id, ...fields } as never);
    return true;
  } catch (error) {
    if (isDuplicateKey(error)) return false;
    throw error;
  }
}

export function companyRepository(models: CompanyModels): CompanyStore {
  const collection = models.companies.collection;
  return {
    insert: (company) => insertOnce(collection, company),
    async load(id) {
      return fromDoc<Company>(await collection.findOne({ _id: id as never }));
    },
    async claimVersion(id, version, at) {
      const claims = models.companyChanges.collection;
      const key = `${id}@${version}`;
      if (await insertOnce(claims, { id: key, companyId: id, version, at } as { id: string })) return { claimed: true };
      const held = await claims.findOne({ _id: key as never });
      // Gone between the insert and the read (released): as good as held now, the caller retries or refuses.
      return { claimed: false, at: held ? String(held.at) : at };
    },
    async releaseVersion(id, version, at) {
      await models.companyChanges.collection.deleteOne({ _id: `${id}@${version}` as never, at });
    },
    async change(id, version, set, history) {
      // `$set` and `$push … $each` in one updateOne: one document, so both or neither (FerretDB
      // applies both forms). Only the holder of the version's claim writes, so no guard is needed.
      const update: Doc = { $set: { ...set, version } };
      if (history.length > 0) update.$push = { history: { $each: history } };
      await collection.updateOne({ _id: id as never }, update as never);
      return fromDoc<Company>(await collection.findOne({ _id: id as never }));
    },
    async list({ cvr, namePattern, after, ...exact }, limit) {
      const and: Doc[] = [];
      // Filter values reach here validated as plain strings and numbers (the routes' zod schemas).
      if (cvr !== undefined) and.push({ cvr });
      if (namePattern !== undefined) and.push({ nameKey: { $regex: namePattern } });
      for (const [field, value] of Object.entries(exact)) if (value !== undefined) and.push({ [field]: value });
      if (after) and.push({ $or: [{ nameKey: { $gt: after.nameKey } }, { nameKey: after.nameKey, _id: { $gt: after.id } }] });
      const docs = await collection
        .find(and.length > 0 ? { $and: and } : {})
        .sort({ nameKey: 1, _id: 1 })
        .limit(limit)
        .toArray();
      return docs.map((d) => fromDoc<Company>(d as Doc) as Company);
    },
  };
}

/** An agreement as the domain's record: the change log's bookkeeping (version, inbox, tokens) left out. */
const agreementOf = <T>(doc: Doc | null): T | undefined => (doc ? fromDoc<T>(splitRevision(doc).state) : undefined);

/**
 * Recruitment agreements through the change log (one insert under the id, its event in the same
 * write); without a relay (tools, tests) the change is left for a poller.
 */
export function agreementRepository(models: CompanyModels, relay?: Handoff): AgreementStore {
  const collection = models.recruitmentAgreements.collection;
  const store = createStore(models.recruitmentAgreements, relay);
  return {
    insert: ({ id, ...fields }, outbox) => store.insert({ _id: id, ...fields }, outbox),
    async load(id) {
      return agreementOf<RecruitmentAgreement>(await collection.findOne({ _id: id as never }));
    },
    async ofCompany(companyId) {
      const docs = await collection.find({ companyId }).sort({ createdAt: -1, _id: -1 }).limit(500).toArray();
      return docs.map((d) => agreementOf<RecruitmentAgreement>(d as Doc) as RecruitmentAgreement);
    },
  };
}

export function fundAgreementRepository(models: CompanyModels, relay?: Handoff): FundAgreementStore {
  const collection = models.fundAgreements.collection;
  const store = createStore(models.fundAgreements, relay);
  return {
    insert: ({ id, ...fields }, outbox) => store.insert({ _id: id, ...fields }, outbox),
    async load(id) {
      return agreementOf<FundAgreement>(await collection.findOne({ _id: id as never }));
    },
    async list(filter, limit) {
      const query: Doc = {};
      if (filter.cooperation !== undefined) query.cooperation = filter.cooperation;
      if (filter.fund !== undefined) query.fund = filter.fund;
      const docs = await collection.find(query).sort({ 'period.from': -1, _id: -1 }).limit(limit).toArray();
      return docs.map((d) => agreementOf<FundAgreement>(d as Doc) as FundAgreement);
    },
  };
}

export function callRepository(models: CompanyModels): CallStore {
  const collection = models.calls.collection;
  return {
    async insert({ id, ...fields }) {
      try {
        await collection.insertOne({ _id: id, ...fields } as never);
        return { kind: 'inserted' };
      } catch (error) {
        if (!isDuplicateKey(error)) throw error;
        // Which key clashed: not every MongoDB-wire server names it in the error, so ask.
        return (await collection.countDocuments({ _id: id as never })) > 0 ? { kind: 'id-exists' } : { kind: 'reference-taken' };
      }
    },
    async load(id) {
      return fromDoc<Call>(await collection.findOne({ _id: id as never }));
    },
    async byReference(reference) {
      return fromDoc<Call>(await collection.findOne({ reference }));
    },
    async claimResolution(id, requestHash, at) {
      const claims = models.callResolutions.collection;
      const key = `resolution-${id}`;
      if (await insertOnce(claims, { id: key, requestHash, at } as { id: string })) return true;
      const claim = await claims.findOne({ _id: key as never });
      return claim?.requestHash === requestHash;
    },
    async releaseResolution(id, requestHash) {
      await models.callResolutions.collection.deleteOne({ _id: `resolution-${id}` as never, requestHash });
    },
    async resolve(id, set) {
      // Only the claimed resolution gets here (claimResolution), so the guard is a second line: a
      // retry of it finds the call resolved already by its own first attempt.
      const result = await collection.updateOne({ _id: id as never, outcome: 'logged' }, { $set: set });
      return result.matchedCount > 0;
    },
    async list({ receivedFrom, receivedBefore, after, cvr, companyId, ...exact }, limit) {
      const and: Doc[] = [];
      for (const [field, value] of Object.entries(exact)) if (value !== undefined) and.push({ [field]: value });
      if (cvr !== undefined) and.push({ 'company.cvr': cvr });
      if (companyId !== undefined) and.push({ 'company.id': companyId });
      const range = { ...(receivedFrom ? { $gte: receivedFrom } : {}), ...(receivedBefore ? { $lt: receivedBefore } : {}) };
      if (Object.keys(range).length > 0) and.push({ receivedAt: range });
      if (after) and.push({ $or: [{ receivedAt: { $lt: after.receivedAt } }, { receivedAt: after.receivedAt, _id: { $lt: after.id } }] });
      const docs = await collection
        .find(and.length > 0 ? { $and: and } : {})
        .sort({ receivedAt: -1, _id: -1 })
        .limit(limit)
        .toArray();
      return docs.map((d) => fromDoc<Call>(d as Doc) as Call);
    },
  };
}

export function nonceRepository(models: CompanyModels): NonceStore {
  const collection = models.webhookNonces.collection;
  return {
    claim: (nonce, at) => insertOnce(collection, { id: nonce, at } as { id: string }),
    async release(nonce) {
      await collection.deleteOne({ _id: nonce as never });
    },
    async prune(before) {
      return (await collection.deleteMany({ at: { $lt: before } })).deletedCount;
    },
  };
}
