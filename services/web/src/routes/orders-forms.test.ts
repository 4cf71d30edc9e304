import { ApiError } from '../api';
import { translator } from '../i18n';
import { apiProblem, checkProblem, Forms } from './orders-forms';
import { problemSummary } from './orders.routes';

const da = translator('da');
const csrf = { _csrf: 't', idempotencyKey: '3b241101-e2bb-4255-8caf-4136c566a962' };

describe("the lead's forms", () => {
  it("puts the API's field errors at the form's fields in the page's language, and keeps what was typed", () => {
    const refused = new ApiError(400, {
      detail: { en: 'body.weeklyHours: too big', da: 'body.weeklyHours: for stor' },
      errors: [
        {
          field: 'body.weeklyHours',
          message: 'Too big: expected number to be <=60',
          message_en: 'too big',
          message_da: 'må højst være 60',
        },
        { field: 'body.candidateRef', message: 'unknown', message_en: 'unknown candidate', message_da: 'ukendt kandidat' },
        { field: 'body', message: 'the order is closed', message_en: 'the order is closed', message_da: 'ordren er lukket' },
      ],
    });
    const body = { ...csrf, candidate: '101/k101-1', startDate: '2027-01-04', weeklyHours: '80' };
    const problem = apiProblem('hires', refused, body, 'da');
    expect(problem).toEqual({
      form: 'hires',
      fields: { weeklyHours: 'Må højst være 60', candidate: 'Ukendt kandidat' },
      loose: ['Ordren er lukket'],
      values: { candidate: '101/k101-1', startDate: '2027-01-04', weeklyHours: '80' },
    });
    expect(apiProblem('hires', refused, body, 'en')?.fields.weeklyHours).toBe('Too big');
    // The error summary links each field's message to its input on the order page.
    expect(problemSummary(problem, true, 'lawful')).toEqual([
      { id: 'hire-hours', message: 'Må højst være 60' },
      { id: 'hire-candidate', message: 'Ukendt kandidat' },
      { message: 'Ordren er lukket' },
    ]);
  });

  it('has no field problem for a refusal that names no field (the detail is shown instead)', () => {
    expect(apiProblem('close', new ApiError(409, { detail: 'conflict / konflikt' }), {}, 'da')).toBeUndefined();
  });

  it("says at the field what the page's own check refused: empty is 'required'", () => {
    const body = { ...csrf, to: '147', reason: '   ' };
    const parsed = Forms.handover.safeParse(body);
    expect(parsed.success).toBe(false);
    const problem = checkProblem('handover', (parsed as { error: import('zod').ZodError }).error, body, da);
    expect(problem.fields).toEqual({ reason: 'Feltet skal udfyldes.' });
    expect(problemSummary(problem, false, undefined)).toEqual([{ id: 'handover-reason', message: 'Feltet skal udfyldes.' }]);
  });

  it('leaves the range of the hours to the API: the page checks only that it is a number', () => {
    expect(Forms.hires.safeParse({ ...csrf, candidate: '101/k1', startDate: '2027-01-04', weeklyHours: '80' }).success).toBe(true);
    expect(Forms.hires.safeParse({ ...csrf, candidate: '101/k1', startDate: '2027-01-04', weeklyHours: 'many' }).success).toBe(false);
  });
});
