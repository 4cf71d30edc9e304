import { isDuplicateKey } from '@rs/db';
import type { NeedStore } from '../../app/ports';
import type { CompanyNeed } from '../../domain/needs';
import type { CourseModels } from './course.model';

/** Companies' coming needs: one document each, inserted once under its id (a retry hits the unique _id). */
export function needRepository(models: Pick<CourseModels, 'needs'>): NeedStore {
  const collection = models.needs.collection;
  const toNeed = (doc: Record<string, unknown>): CompanyNeed => {
    const { _id, ...rest } = doc;
    return { ...(rest as Omit<CompanyNeed, 'id'>), id: String(_id) };
  };
  return {
    async insert(need) {
      const { id, ...fields } = need;
      try {
        await collection.insertOne({ _id: id as never, ...fields });
        return true;
      } catch (error) {
        if (isDuplicateKey(error)) return false;
        throw error;
      }
    },
    async load(id) {
      const doc = await collection.findOne({ _id: id as never });
      return doc ? toNeed(doc as unknown as Record<string, unknown>) : undefined;
    },
    async expectedIn(months) {
      const docs = await collection.find({ expectedBy: { $in: months } }).toArray();
      return docs.map((d) => toNeed(d as unknown as Record<string, unknown>));
    },
  };
}
