import { HttpError } from '@rs/service-kit';
import type { FiguresAnswer } from '../../app/figures';

/** The problems of a figures query that found no report, shared by /figures, the dashboard and the PDF. */
export const FORBIDDEN = new HttpError(403, 'forbidden', {
  en: 'You may see your own jobcentre’s figures, or your own cooperation’s as its secretariat',
  da: 'Du kan se dit eget jobcenters tal, eller dit eget samarbejdes som dets sekretariat',
});

/** A query's `cooperation` names none the admin keeps (now): 400 at the field, in both languages. */
export function unknownCooperation(id: string): HttpError {
  const message = { en: `No cooperation ${id}`, da: `Intet samarbejde ${id}` };
  return new HttpError(400, 'invalid-input', message, [{ field: 'query.cooperation', message: `${message.en} / ${message.da}` }]);
}

export function figuresProblem(answer: Exclude<FiguresAnswer, { kind: 'report' }>): HttpError {
  switch (answer.kind) {
    case 'forbidden':
      return FORBIDDEN;
    case 'unknown-cooperation':
      return new HttpError(400, 'cooperation-required', {
        en: 'Name the cooperation (cooperation=HRS or JRS)',
        da: 'Angiv samarbejdet (cooperation=HRS eller JRS)',
      });
    case 'no-such-cooperation':
      return unknownCooperation(answer.cooperation);
    case 'not-a-member': {
      const message = {
        en: `Jobcentre ${answer.jobcentre} is not a member of ${answer.cooperation}`,
        da: `Jobcenter ${answer.jobcentre} er ikke medlem af ${answer.cooperation}`,
      };
      return new HttpError(400, 'jobcentre-not-a-member', message, [
        { field: 'query.jobcentre', message: `${message.en} / ${message.da}` },
      ]);
    }
  }
}
