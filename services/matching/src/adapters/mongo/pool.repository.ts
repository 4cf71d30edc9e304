import { randomUUID } from 'node:crypto';
import type { SharedCv } from '@rs/contracts';
import { isDuplicateKey } from '@rs/db';
import type { CandidatePool, CandidateRead, CandidateReadLog, StaleReportMarks, StoredCv, UpsertResult } from '../../app/ports';
import { poolKey } from '../../domain/candidate';
import type { MatchingModels } from './pool.model';

/** Look-ups in flight at once when re-checking picks: FerretDB finds an _id directly, but scans for an $in. */
const LOOKUP_CONCURRENCY = 16;

/** The pool on its collection (the CandidatePool port). */
export function candidatePool(models: Pick<MatchingModels, 'pool' | 'poolChanges'>, replica: string): CandidatePool {
  const collection = models.pool.collection;
  const changes = models.poolChanges.collection;
  /** Appends to the change log what this replica wrote (keys only), for the other replicas' indexes. */
  const logChange = async (changed: string[], removed: string[]) => {
    if (changed.length === 0 && removed.length === 0) return;
    await changes.insertOne({ _id: `${new Date().toISOString()}|${replica}|${randomUUID()}` as never, by: replica, changed, removed });
  };
  return {
    async *all() {
      for await (const doc of collection.find({}, { batchSize: 5000 })) yield toPoolCv(doc);
    },
    async changesSince(since) {
      const docs = await changes.find({ _id: { $gt: since.toISOString() as never } }).toArray();
      return docs
        .filter((d) => d.by !== replica)
        .sort((a, b) => String(a._id).localeCompare(String(b._id)))
        .map((d) => ({ id: String(d._id), changed: d.changed ?? [], removed: d.removed ?? [] }));
    },
    pruneChanges: async (before) => (await changes.deleteMany({ _id: { $lt: before.toISOString() as never } })).deletedCount,
    async findMany(keys) {
      const found = new Map<string, StoredCv>();
      const queue = [...new Set(keys)];
      const worker = async () => {
        for (let key = queue.pop(); key !== undefined; key = queue.pop()) {
          const doc = await collection.findOne({ _id: key as never });
          if (doc) found.set(key, toPoolCv(doc));
        }
      };
      await Promise.all(Array.from({ length: Math.min(LOOKUP_CONCURRENCY, queue.length) }, worker));
      return found;
    },
    size: () => models.pool.estimatedDocumentCount(),
    countOf: (jobcentre) => models.pool.countDocuments({ jobcentre }),
    find: async (jobcentre, candidateRef) => {
      const doc = await collection.findOne({ _id: poolKey(jobcentre, candidateRef) as never });
      return doc ? toPoolCv(doc) : undefined;
    },
    async upsert(jobcentre, cvs, syncId, now) {
      const result = await upsertCvs(models, jobcentre, cvs, syncId, now);
      await logChange(
        result.applied.map((cv) => poolKey(jobcentre, cv.candidateRef)),
        [],
      );
      return result;
    },
    async withdraw(jobcentre, refs) {
      const deleted = await withdrawCvs(models, jobcentre, refs);
      await logChange(
        [],
        [...new Set(refs)].map((r) => poolKey(jobcentre, r)),
      );
      return deleted;
    },
    countInSync: (jobcentre, syncId) => models.pool.countDocuments({ jobcentre, syncId }),
    async deleteOutsideSync(jobcentre, syncId) {
      const outside = await collection.find({ jobcentre, syncId: { $ne: syncId } }, { projection: { candidateRef: 1 } }).toArray();
      // One deleteMany: a full sync can drop thousands, and one deleteOne each costs FerretDB seconds per thousand.
      await collection.deleteMany({ jobcentre, syncId: { $ne: syncId } });
      const refs = outside.map((d) => String(d.candidateRef));
      await logChange(
        [],
        refs.map((r) => poolKey(jobcentre, r)),
      );
      return refs;
    },
  };
}

/** Every read of candidate data (the CandidateReadLog port): insert, list, prune — never update. */
export function candidateReadLog(models: Pick<MatchingModels, 'candidateReads'>): CandidateReadLog {
  const collection = models.candidateReads.collection;
  return {
    record: async (reads) => {
      if (reads.length > 0) await collection.insertMany(reads.map((r) => ({ ...r })) as never[], { ordered: true });
    },
    list: async ({ candidateJobcentre, candidateRef, from, to, limit }) => {
      const at = { ...(from ? { $gte: from } : {}), ...(to ? { $lt: to } : {}) };
      const docs = await collection
        .find({ candidateJobcentre, ...(candidateRef ? { candidateRef } : {}), ...(from || to ? { at } : {}) })
        .sort({ at: -1 })
        .limit(limit)
        .toArray();
      return docs.map(({ _id, ...read }) => read as unknown as CandidateRead);
    },
    prune: async (before) => (await collection.deleteMany({ at: { $lt: before } })).deletedCount,
  };
}

/** The once-a-day marks of stale-CV reports. */
export function staleReportMarks(models: Pick<MatchingModels, 'staleReports'>): StaleReportMarks {
  const collection = models.staleReports.collection;
  return {
    has: async (id) => (await collection.findOne({ _id: id as never })) !== null,
    async mark(id, at) {
      try {
        await collection.insertOne({ _id: id as never, at });
      } catch (error) {
        // Another replica marked the same day first.
        if (!isDuplicateKey(error)) throw error;
      }
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
  const unchanged = new Set<string>();
  for (const doc of existing) {
    const result = await collection.replaceOne({ _id: doc._id as never, revision: { $lt: doc.revision } }, doc);
    updated += result.matchedCount;
    if (result.matchedCount === 0) unchanged.add(doc._id);
  }
  // A CV the run holds but the pool has already (same or newer revision) still belongs to the
  // run: a full sync's clean-up must not take it for one that left.
  if (syncId && unchanged.size > 0) await collection.updateMany({ _id: { $in: [...unchanged] as never[] } }, { $set: { syncId } });
  return {
    inserted: docs.length - existing.length,
    updated,
    stale: cvs.length - (docs.length - existing.length) - updated,
    applied: docs.filter((d) => !unchanged.has(d._id)).map((d) => toPoolCv(d)),
  };
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

/** The template's optional fields, copied when the stored document has them. */
const OPTIONAL_FIELDS = [
  'education',
  'certificates',
  'licenceCategories',
  'drivingLicence',
  'availableFrom',
  'noticeDays',
  'hours',
  'employmentTypes',
  'commuteKm',
  'visibility',
] as const;

// biome-ignore lint/suspicious/noExplicitAny: a raw driver document; the fields are the schema's
function toPoolCv(d: Record<string, any>): StoredCv {
  const cv: Record<string, unknown> = {
    jobcentre: d.jobcentre,
    candidateRef: d.candidateRef,
    revision: (d.revision as Date).toISOString(),
    headline: d.headline,
    occupations: d.occupations,
    skills: d.skills ?? [],
    languages: d.languages ?? [],
    municipality: d.municipality,
    summary: d.summary ?? '',
  };
  for (const field of OPTIONAL_FIELDS) if (d[field] !== undefined && d[field] !== null) cv[field] = d[field];
  return cv as unknown as StoredCv;
}
