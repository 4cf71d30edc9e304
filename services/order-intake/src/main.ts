import { randomInt, randomUUID } from 'node:crypto';
import { jobcentreQueueSpec, SERVICE_QUEUES, TIMER_QUEUES } from '@rs/contracts';
import { allJobcentres } from '@rs/reference-data';
import { runService } from '@rs/service-kit';
import { addWorkingDays } from '@rs/working-time';
import { consumeErasure } from './adapters/amqp/erasure.consumer';
import { consumeRoundEvents } from './adapters/amqp/round-events.consumer';
import { consumeServiceGoalEvents } from './adapters/amqp/service-goal-events.consumer';
import { orderIntakeRoutes } from './adapters/http/routes';
import { companyModels } from './adapters/mongo/company.model';
import {
  agreementRepository,
  callRepository,
  companyRepository,
  fundAgreementRepository,
  nonceRepository,
} from './adapters/mongo/company.repository';
import { candidateCopies, erasedMarkers } from './adapters/mongo/erasure.repository';
import { followUpRepository } from './adapters/mongo/follow-ups.repository';
import { orderCompanyNames } from './adapters/mongo/order-companies';
import { orderModels } from './adapters/mongo/order.model';
import { goalOrderIds } from './adapters/mongo/goal-orders';
import { orderRepository } from './adapters/mongo/order.repository';
import { serviceGoalModels } from './adapters/mongo/service-goals.model';
import { serviceGoalRepository } from './adapters/mongo/service-goals.repository';
import { serviceGoalTimerQueue, startServiceGoalWorker } from './adapters/timers/service-goal-timers';
import type { CompanyDeps } from './app/company-deps';
import { reconcileGoalTimers } from './app/reconcile-goal-timers';
import type { ServiceGoalDeps } from './app/service-goal-deps';
import { orderIntakeConfig } from './config';

runService(
  {
    name: 'order-intake',
    config: orderIntakeConfig,
    mongo: (connection) => ({ ...orderModels(connection), ...serviceGoalModels(connection), ...companyModels(connection) }),
    // Service-goal notices go to the lead's own queue: every jobcentre queue is declared, so none is routed to nowhere.
    bus: {
      queues: [
        SERVICE_QUEUES.orderIntakeEvents,
        SERVICE_QUEUES.orderIntakeGoals,
        SERVICE_QUEUES.orderIntakeErasure,
        ...allJobcentres().map((j) => jobcentreQueueSpec(j.code)),
      ],
    },
    // The HTTP edge's limits and keys, and the service-goal timers. The edge serves without Redis
    // (and the reconcile re-creates timers once it is back), so /readyz does not wait for it.
    redis: { readiness: false, timerQueues: [TIMER_QUEUES.serviceGoals] },
    relay: {
      models: (models) => [models.orders, models.serviceGoals, models.followUps, models.recruitmentAgreements, models.fundAgreements],
    },
    // Leads, handovers, agreements and screening lists follow the cooperations as the admin keeps them.
    cooperations: { queue: SERVICE_QUEUES.orderIntakeCooperations },
    parts: ({ config, logger, models, bus, redis, timerQueues, relay, now, cooperations }) => {
      const erased = erasedMarkers(models);
      const deps: CompanyDeps = {
        orders: orderRepository(models, relay),
        companies: companyRepository(models),
        agreements: agreementRepository(models, relay),
        fundAgreements: fundAgreementRepository(models, relay),
        calls: callRepository(models),
        nonces: nonceRepository(models),
        now,
        newId: randomUUID,
        cooperations: () => cooperations.current(),
        randomInt: (max) => randomInt(max),
        telephony: { secret: config.TELEPHONY_WEBHOOK_SECRET, toleranceSeconds: config.TELEPHONY_WEBHOOK_TOLERANCE_SECONDS },
        goalOrders: goalOrderIds(models.serviceGoals),
        erased,
      };
      const goalTimers = serviceGoalTimerQueue(timerQueues);
      const day = config.SERVICE_GOAL_DAY_SECONDS;
      const goalDeps: ServiceGoalDeps = {
        goals: serviceGoalRepository(models, relay),
        followUps: followUpRepository(models, relay),
        now,
        schedule: {
          dueAfter: day === undefined ? addWorkingDays : (start, days) => new Date(start.getTime() + days * day * 1000),
          warnBeforeMs: config.SERVICE_GOAL_WARN_BEFORE_SECONDS * 1000,
        },
        followUpWeeks: config.ONBOARDING_FOLLOW_UP_WEEKS,
        cancelTimers: (orderId) => goalTimers.cancel(orderId),
        companyNames: orderCompanyNames(models),
        erased,
      };
      return {
        http: { routes: orderIntakeRoutes(deps, goalDeps), redis, keyPrefix: config.TIMER_PREFIX, edge: config },
        consumers: [
          consumeRoundEvents(bus, deps),
          consumeServiceGoalEvents(bus, goalDeps),
          consumeErasure(
            bus,
            { orders: deps.orders, followUps: goalDeps.followUps, copies: candidateCopies(models, relay), erased },
            logger,
          ),
        ],
        workers: [startServiceGoalWorker(goalDeps, redis, config.TIMER_PREFIX, logger)],
        periodic: [
          {
            // At start and then periodically: timers Redis lost (a flush, a restart without AOF) or
            // whose job failed for good are re-created from the clocks in MongoDB.
            name: 'reconcile service-goal timers',
            everyMs: config.TIMER_RECONCILE_SECONDS * 1000,
            run: async () => {
              const result = await reconcileGoalTimers(goalDeps, (entries) => goalTimers.ensure(entries, now()));
              logger.info({ ...result, timers: result.added + result.kept }, 'service-goal timers reconciled with the database');
            },
          },
          {
            // A nonce older than twice the window guards nothing: its timestamp is refused as stale.
            name: 'prune webhook nonces',
            everyMs: 10 * 60_000,
            run: () => deps.nonces.prune(new Date(now().getTime() - 2 * config.TELEPHONY_WEBHOOK_TOLERANCE_SECONDS * 1000)),
          },
        ],
      };
    },
  },
  process.env,
);
