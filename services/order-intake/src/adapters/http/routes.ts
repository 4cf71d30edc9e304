import type { Router } from 'express';
import type { CompanyDeps } from '../../app/company-deps';
import type { ServiceGoalDeps } from '../../app/service-goal-deps';
import { callsRoutes } from './calls.routes';
import { companiesRoutes } from './companies.routes';
import { followUpsRoutes } from './follow-ups.routes';
import { leadOrdersRoutes } from './lead-orders.routes';
import { ordersRoutes } from './orders.routes';
import { serviceGoalsRoutes } from './service-goals.routes';
import { telephonyWebhookRoutes } from './telephony-webhook.routes';

/** Every route of order-intake, as main.ts mounts them (and the API tests list them). */
export function orderIntakeRoutes(deps: CompanyDeps, goalDeps: ServiceGoalDeps) {
  const parts = [
    ordersRoutes(deps),
    serviceGoalsRoutes(goalDeps),
    leadOrdersRoutes(deps, goalDeps),
    followUpsRoutes(goalDeps),
    companiesRoutes(deps),
    callsRoutes(deps),
    telephonyWebhookRoutes(deps),
  ];
  return (router: Router) => {
    for (const mount of parts) mount(router);
  };
}
