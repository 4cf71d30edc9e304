import { join } from 'node:path';
import { jobcentre } from '@rs/reference-data';
import { Eta } from 'eta';
import type { Request, Response } from 'express';
import { formatInstant, type Lang, type Translate, timeLeft } from '../i18n';

const eta = new Eta({ views: join(__dirname, '..', '..', 'views'), cache: true, autoEscape: true });

/**
 * A fragment the page polls (the round's board), rendered with the page's helpers but without
 * page.render: that one takes the session's one-shot flash, and a poll that lands between a
 * form's redirect and the page it leads to would swallow the confirmation. This leaves the
 * session as it found it.
 */
export function renderFragment(req: Request, res: Response, view: string, now: Date, data: Record<string, unknown>): void {
  const lang = res.locals.lang as Lang;
  const t = res.locals.t as Translate;
  res
    .set('cache-control', 'no-store')
    .type('html')
    .send(
      eta.render(`./${view}`, {
        lang,
        t,
        path: req.originalUrl,
        formatInstant: (iso: string) => formatInstant(iso, lang),
        timeLeft: (iso: string) => timeLeft(iso, now, t),
        jobcentreName: (code: number) => `${jobcentre(code)?.name ?? 'Jobcenter'} (${code})`,
        ...data,
      }),
    );
}
