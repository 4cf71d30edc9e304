import { Router } from 'express';
import type { PageContext, WebOptions } from '../context';
import { courseListNewRoutes } from './course-list-new.routes';
import { coursePageRoutes } from './course-page.routes';
import { courseRequestRoutes } from './course-request.routes';

/**
 * Upskilling courses (issue 18) over upskilling-seat's API: the list and the "open a course" form,
 * a course's page, and one jobcentre's request with the company's co-selection. What a user may
 * see is the API's decision: another jobcentre's request is 404 there, and so here.
 */
export function coursesRoutes(options: WebOptions, page: PageContext): Router {
  const router = Router();
  // The list and the form first: `/courses/new` is no course id.
  router.use(courseListNewRoutes(options, page));
  router.use(coursePageRoutes(options, page));
  router.use(courseRequestRoutes(options, page));
  return router;
}
