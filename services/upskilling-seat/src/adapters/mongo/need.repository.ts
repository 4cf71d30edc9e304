import { createStore, type Handoff, splitRevision } from '@rs/db';
import type { NeedStore } from '../../app/ports';
import type { CompanyNeed } from '../../domain/needs';
import type { CourseModels } from './course.model';

/**
 * Companies' coming needs: one document each, inserted once under its id through the change log
 * (a retry meets the unique key), its need.recorded event in the same write.
 */
export function needRepository(models: Pick<CourseModels, 'needs'>, relay: Handoff): NeedStore {
  const collection = models.needs.collection;
  const store = createStore(models.needs, relay);
  const toNeed = (doc: Record<string, unknown>): CompanyNeed => {
    // Needs recorded before the change log have no bookkeeping fields: splitRevision leaves them as they are.
    const { _id, ...rest } = splitRevision(doc).state;
    return { ...(rest as Omit<CompanyNeed, 'id'>), id: String(_id) };
  };
  return {
    insert(need, outbox) {
      const { id, ...fields } = need;
      return store.insert({ _id: id, ...fields }, outbox);
    },
    async load(id) {
      const doc = await collection.findOne({ _id: id as never });
      return doc ? toNeed(doc as unknown as Record<string, unknown>) : undefined;
    },
    async expectedIn(months) {
      const docs = await collection.find({ expectedBy: { $in: months } }, { projection: { processed: 0, changeTokens: 0 } }).toArray();
      return docs.map((d) => toNeed(d as unknown as Record<string, unknown>));
    },
  };
}
