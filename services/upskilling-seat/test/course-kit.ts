import { courseSummaryExample } from '@rs/contracts';
import { routeTable } from '@rs/testkit';
import type { Router } from 'express';
import { coursesRoutes } from '../src/adapters/http/courses.routes';
import { needsRoutes } from '../src/adapters/http/needs.routes';
import { requestsRoutes } from '../src/adapters/http/requests.routes';

/** upskilling-seat's routes as declared, for the document checks (no dependencies are called). */
export const upskillingRoutes = () =>
  routeTable('upskilling-seat', (router: Router) => {
    coursesRoutes({} as never)(router);
    requestsRoutes({} as never, { info: () => undefined })(router);
    needsRoutes({} as never)(router);
  });

/**
 * A valid POST /courses body: 4 seats at 10,000 kr for HRS (lead 101), the positive-list pool,
 * a job guarantee of 6 months' ordinary employment, 147's ceiling 20,000 kr (2 seats). The
 * window closes `windowSeconds` from now; the course starts well after.
 */
export function aCourse(windowSeconds: number, over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    ...courseSummaryExample,
    seats: 4,
    pricePerSeatDkk: 10_000,
    startDate: '2030-01-07',
    endDate: '2030-01-18',
    windowClosesAt: new Date(Date.now() + windowSeconds * 1000).toISOString(),
    budgetCeilings: [{ jobcentre: 147, dkk: 20_000 }],
    ...over,
  };
}
