import { EXCHANGES } from '@rs/contracts';
import {
  callRoute,
  jobcentreToken,
  type RouteAnswer,
  type RunningService,
  routeTable,
  type TestPlatform,
  testPlatform,
  tokenFor,
  waitFor,
} from '@rs/testkit';
import type { Router } from 'express';
import { cooperationRoutes } from '../src/adapters/http/cooperation.routes';
import { dashboardRoutes } from '../src/adapters/http/dashboard.routes';
import { figuresRoutes } from '../src/adapters/http/figures.routes';
import { kkrExportRoutes } from '../src/adapters/http/kkr-exports.routes';
import { kkrRoutes } from '../src/adapters/http/kkr.routes';
import { eventsOf, generateQuarter } from './quarter-kit';

/*
 * What reporting's API tests share: one principal of each role (R14), the route table the calls
 * are checked against, and a reporting that has counted a generated quarter.
 */
export const principals = {
  admin: tokenFor({ role: 'admin', sub: 'admin-1' }),
  hrsSecretariat: tokenFor({ role: 'secretariat', sub: 'sek-hrs', cooperation: 'HRS' }),
  jrsSecretariat: tokenFor({ role: 'secretariat', sub: 'sek-jrs', cooperation: 'JRS' }),
  taarnby: jobcentreToken(185),
  phoneLine: tokenFor({ role: 'phone-line', sub: 'phone-1' }),
  onboarding: tokenFor({ role: 'onboarding', sub: 'ob-hrs', cooperation: 'HRS' }),
};

/** Every route reporting mounts (as main.ts does), for the OpenAPI checks of each call. */
export const reportingRouteTable = () =>
  routeTable('reporting', (router: Router) => {
    figuresRoutes({} as never)(router);
    dashboardRoutes({} as never)(router);
    kkrRoutes({} as never)(router);
    kkrExportRoutes({} as never)(router);
    cooperationRoutes({} as never)(router);
  });

type Call = Parameters<typeof callRoute>[2];

export interface ReportingApi {
  platform: TestPlatform;
  reporting: RunningService;
  /** A call, checked against the route's OpenAPI declaration (`problems`). */
  call(c: Call): Promise<RouteAnswer>;
  /** A call that must answer `status` as declared. */
  ok(c: Call, status?: number): Promise<RouteAnswer>;
}

/**
 * A platform with reporting started, fed the quarter `generateQuarter(seed, orders)` on the bus,
 * ready once `counted` (asked with `call`) is true. Call from beforeAll; dispose the platform in afterAll.
 */
export async function reportingWithQuarter(
  seed: number,
  orders: number,
  counted: (api: ReportingApi) => Promise<boolean>,
): Promise<ReportingApi> {
  const table = reportingRouteTable();
  const platform = await testPlatform();
  const reporting = await platform.start('reporting');
  const call = (c: Call) => callRoute(reporting.url, table.routes, c);
  const api: ReportingApi = {
    platform,
    reporting,
    call,
    async ok(c, status = 200) {
      const answer = await call(c);
      expect({ path: c.path, status: answer.status, problems: answer.problems }).toEqual({ path: c.path, status, problems: [] });
      return answer;
    },
  };
  for (const { name, envelope } of eventsOf(generateQuarter(seed, orders))) await platform.bus.publish(EXCHANGES.events, name, envelope);
  await waitFor(() => counted(api));
  return api;
}
