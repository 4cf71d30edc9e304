import type { SharedCv } from '@rs/contracts';
import type { CandidatePool, CandidateReadLog, UpsertResult } from '../../app/ports';
import { type PoolCv, poolKey } from '../../domain/rank';
import type { MatchingModels } from './pool.model';

/** The pool on its collection (the CandidatePool port). */
export function candidatePool(models: Pick<MatchingModels, 'pool'>): CandidatePool {
  return {
    candidatesFor: (occupation) => candidatesFor(models, occupation),
    size: () => models.pool.estimatedDocumentCount(),
    countOf: (jobcentre) => models.pool.countDocuments({ jobcentre }),
    find: async (jobcentre, candidateRef) => {
      const doc = await models.pool.collection.findOne({ _id: poolKey(jobcentre, candidateRef) as never });
      return doc ? toPoolCv(doc) : undefined;
    },
    upsert: (jobcentre, cvs, syncId, now) => upsertCvs(models, jobcentre, cvs, syncId, now),
    withdraw: (jobcentre, refs) => withdrawCvs(models, jobcentre, refs),
    countInSync: (jobcentre, syncId) => models.pool.countDocuments({ jobcentre, syncId }),
    deleteOutsideSync: async (jobcentre, syncId) =>
      (await models.pool.collection.deleteMany({ jobcentre, syncId: { $ne: syncId } })).deletedCount,
  };
}

/** Every read of a CV over the API (the CandidateReadLog port). */
export function candidateReadLog(models: Pick<MatchingModels, 'candidateReads'>): CandidateReadLog {
  return {
    record: async (read) => {
      await models.candidateReads.create(read);
    },
  };
}

/**
 * Adds or updates a batch of one jobcentre's CVs, keeping the newest revision of each.
 *
 * New CVs go in with one insertMany: on FerretDB 1.24 that is the only fast write (10,000 in
 * under a second; a replace by _id costs ~100 ms in a 10,000-document collection). Only the CVs
 * whose key exists already are replaced one by one, and only when their revision is newer —
 * which makes redelivery and out-of-order batches harmless.
 */
async function upsertCvs(
  models: Pick<MatchingModels, 'pool'>,
  jobcentre: number,
  cvs: SharedCv[],
  syncId: string | undefined,
  now: Date,
): Promise<UpsertResult> {
  const newest = new Map<string, SharedCv>();
  for (const cv of cvs) {
    const seen = newest.get(cv.candidateRef);
    if (!seen || Date.parse(cv.revision) > Date.parse(seen.revision)) newest.set(cv.candidateRef, cv);
  }
  const docs = [...newest.values()].map((cv) => ({
    _id: poolKey(jobcentre, cv.candidateRef),
    ...cv,
    jobcentre,
    revision: new Date(cv.revision),
    occupationGroups: [...new Set(cv.occupations.map((o) => o.slice(0, 3)))],
    ...(syncId ? { syncId } : {}),
    updatedAt: now,
  }));
  const collection = models.pool.collection;
  let existing: typeof docs = [];
  try {
    await collection.insertMany(docs as never[], { ordered: false });
  } catch (error) {
    const failed = duplicateIndexes(error);
    if (!failed) throw error;
    existing = failed.map((i) => docs[i]!);
  }
  let updated = 0;
  const unchanged: string[] = [];
  for (const doc of existing) {
    const result = await collection.replaceOne({ _id: doc._id as never, revision: { $lt: doc.revision } }, doc);
    updated += result.matchedCount;
    if (result.matchedCount === 0) unchanged.push(doc._id);
  }
  // A CV the run holds but the pool has already (same or newer revision) still belongs to the
  // run: a full sync's clean-up must not take it for one that left.
  if (syncId && unchanged.length > 0) await collection.updateMany({ _id: { $in: unchanged as never[] } }, { $set: { syncId } });
  return { inserted: docs.length - existing.length, updated, stale: cvs.length - (docs.length - existing.length) - updated };
}

/** Indexes of a bulk insert's documents refused only for an existing key; undefined for any other failure. */
function duplicateIndexes(error: unknown): number[] | undefined {
  const writeErrors = (error as { writeErrors?: unknown }).writeErrors;
  const list = Array.isArray(writeErrors) ? writeErrors : writeErrors ? [writeErrors] : [];
  if (list.length === 0) return undefined;
  const indexes: number[] = [];
  for (const e of list as { code?: number; index?: number; err?: { code?: number; index?: number } }[]) {
    const code = e.code ?? e.err?.code;
    const index = e.index ?? e.err?.index;
    if (code !== 11000 || index === undefined) return undefined;
    indexes.push(index);
  }
  return indexes;
}

/** Deletes candidates from the pool (their CV data is gone). Returns how many were there. */
async function withdrawCvs(models: Pick<MatchingModels, 'pool'>, jobcentre: number, refs: string[]): Promise<number> {
  let deleted = 0;
  // One by _id each: FerretDB scans the collection for an $in, but finds an _id directly.
  for (const ref of new Set(refs))
    deleted += (await models.pool.collection.deleteOne({ _id: poolKey(jobcentre, ref) as never })).deletedCount;
  return deleted;
}

/** The CVs that may fit an occupation: same 3-digit DISCO group. */
async function candidatesFor(models: Pick<MatchingModels, 'pool'>, occupation: string): Promise<PoolCv[]> {
  const docs = await models.pool.collection.find({ occupationGroups: occupation.slice(0, 3) }).toArray();
  return docs.map(toPoolCv);
}

// biome-ignore lint/suspicious/noExplicitAny: a raw driver document; the fields are the schema's
function toPoolCv(d: Record<string, any>): PoolCv {
  return {
    jobcentre: d.jobcentre,
    candidateRef: d.candidateRef,
    revision: (d.revision as Date).toISOString(),
    headline: d.headline,
    occupations: d.occupations,
    skills: d.skills ?? [],
    languages: d.languages ?? [],
    municipality: d.municipality,
    summary: d.summary ?? '',
    ...(d.availableFrom ? { availableFrom: d.availableFrom } : {}),
    ...(d.drivingLicence !== undefined ? { drivingLicence: d.drivingLicence } : {}),
  } as PoolCv;
}
