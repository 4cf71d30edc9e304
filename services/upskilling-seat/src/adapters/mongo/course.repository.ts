import { createStore, type Handoff, splitRevision } from '@rs/db';
import type { CourseAudience, CourseStore } from '../../app/ports';
import type { Course } from '../../domain/course';
import type { CourseModels } from './course.model';

/** Courses in MongoDB, written through the change log (see @rs/db createStore). */
export function courseRepository(models: Pick<CourseModels, 'courses'>, relay: Handoff): CourseStore {
  const model = models.courses;
  const store = createStore(model, relay);
  return {
    async load(id) {
      const found = await store.load(id);
      return found && { state: toCourse(found.doc), revision: found.revision };
    },
    save(id, write) {
      return store.save(id, {
        revision: write.revision,
        set: courseState(write.state),
        outbox: write.outbox,
        ...(write.processedId ? { processedId: write.processedId } : {}),
      });
    },
    insert(course, outbox) {
      const { id, ...fields } = course;
      return store.insert({ _id: id, ...fields, windowClosesAt: course.summary.windowClosesAt }, outbox);
    },
    async list(audience: CourseAudience, page) {
      const filter: Record<string, unknown> =
        'all' in audience ? {} : 'cooperation' in audience ? { cooperation: audience.cooperation } : { inScope: audience.jobcentre };
      if (page.status) filter.status = page.status;
      // Keyset: after the page's last course in (windowClosesAt desc, _id asc) — no skip, stable while courses open.
      if (page.after) {
        const { windowClosesAt, id } = page.after;
        filter.$or = [{ windowClosesAt: { $lt: windowClosesAt } }, { windowClosesAt, _id: { $gt: id } }];
      }
      const docs = await model.collection
        .find(filter as never)
        .sort({ windowClosesAt: -1, _id: 1 })
        .limit(page.limit)
        .toArray();
      return docs.map((d) => toCourse(splitRevision(d as unknown as Record<string, unknown>).state));
    },
    async *windowsOfOpen() {
      const open = model.collection.find({ status: 'open' }, { projection: { _id: 1, windowClosesAt: 1 } });
      for await (const doc of open) yield { id: String(doc._id), windowClosesAt: String(doc.windowClosesAt) };
    },
  };
}

/** The course in a stored document: the store's bookkeeping and the query copy left out. */
function toCourse(doc: Record<string, unknown>): Course {
  const { _id, windowClosesAt: _copy, ...rest } = doc;
  return { ...(rest as Omit<Course, 'id'>), id: String(_id) };
}

/** The fields of a course that change with its commands. */
function courseState(course: Course): Record<string, unknown> {
  return {
    status: course.status,
    requests: course.requests,
    ...(course.allocatedAt ? { allocatedAt: course.allocatedAt, rule: course.rule } : {}),
  };
}
