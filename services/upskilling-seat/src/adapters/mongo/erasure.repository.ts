import type { CandidateHolders } from '../../app/erase-candidates';
import type { CourseModels } from './course.model';

/** The courses naming candidates, by the refs in their seat requests (FerretDB and MongoDB match through both arrays). */
export function candidateHolders(models: Pick<CourseModels, 'courses'>): CandidateHolders {
  return {
    async coursesNaming(refs) {
      const docs = await models.courses.collection
        .find({ 'requests.candidates.candidateRef': { $in: [...refs] } } as never, { projection: { _id: 1 } })
        .toArray();
      return docs.map((d) => String(d._id));
    },
  };
}
