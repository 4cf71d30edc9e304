import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { HttpError, principalOf } from '@rs/service-kit';
import type { Queue } from 'bullmq';
import type { RequestHandler, Router } from 'express';

export const BULL_BOARD_PATH = '/admin/queues';

const adminsOnly: RequestHandler = (req, _res, next) => {
  if (principalOf(req).role === 'admin') return next();
  next(new HttpError(403, 'forbidden', 'Only an admin may see the timer queues / Kun en administrator kan se timer-køerne'));
};

/**
 * Bull Board for broadcast's timer queues at /admin/queues, for admins only (behind the bearer
 * authentication of every route, then the role). A person can see pending, failed and completed
 * timer jobs and retry a failed one; the periodic reconcile re-creates a needed failed job anyway.
 * Job data holds ids only, so the board shows no personal data.
 */
export function bullBoardRoutes(queues: Queue[]) {
  const serverAdapter = new ExpressAdapter();
  serverAdapter.setBasePath(BULL_BOARD_PATH);
  createBullBoard({
    queues: queues.map((queue) => new BullMQAdapter(queue)),
    serverAdapter,
    options: { uiConfig: { boardTitle: 'Rundsendelse: timere', locale: { lng: 'da-DK' } } },
  });
  const board = serverAdapter.getRouter() as RequestHandler;
  return (router: Router) => {
    router.use(BULL_BOARD_PATH, adminsOnly, board);
  };
}
