import { dateWithin, overlaps } from './days';
import type { AgreementFact, FollowUpFact, FollowUpOutcomeFact } from './facts';
import type { Period } from './period';

/** Onboarding follow-ups due in the period (R10) and how the placements held. */
export interface FollowUpFigures {
  due: number;
  /** With an outcome recorded. */
  done: number;
  stillEmployed: number;
  left: number;
  /** Due in the period, no outcome yet. */
  open: number;
  /** done ÷ due. */
  doneRate: number | null;
  /** Still employed ÷ (still employed + left). */
  retention: number | null;
}

/** Agreements in force at some time in the period. */
export interface AgreementFigures {
  /** Recruitment agreements with companies (a jobcentre's row: those it leads). */
  recruitment: number;
  /** Hires the companies expect under them. */
  expectedHires: number;
  /** The cooperation's a-kasse agreements; null in a jobcentre's row (they are the cooperation's). */
  aKasse: number | null;
}

const ratio = (part: number, whole: number): number | null => (whole === 0 ? null : part / whole);

export function followUpFigures(
  planned: ReadonlyMap<string, FollowUpFact>,
  outcomes: ReadonlyMap<string, FollowUpOutcomeFact>,
  scope: { cooperation: string; period: Period },
  jobcentre: number | undefined,
): FollowUpFigures {
  const due = [...planned.values()].filter(
    (f) =>
      f.cooperation === scope.cooperation && dateWithin(f.dueOn, scope.period) && (jobcentre === undefined || f.jobcentre === jobcentre),
  );
  const answers = due.map((f) => outcomes.get(f.followUpId)).filter((o) => o !== undefined);
  const stillEmployed = answers.filter((o) => o.status === 'still-employed').length;
  const left = answers.filter((o) => o.status === 'left').length;
  return {
    due: due.length,
    done: answers.length,
    stillEmployed,
    left,
    open: due.length - answers.length,
    doneRate: ratio(answers.length, due.length),
    retention: ratio(stillEmployed, stillEmployed + left),
  };
}

export function agreementFigures(
  agreements: readonly AgreementFact[],
  scope: { cooperation: string; period: Period },
  jobcentre: number | undefined,
): AgreementFigures {
  const inForce = agreements.filter((a) => a.cooperation === scope.cooperation && overlaps(a.from, a.to, scope.period));
  const recruitment = inForce.filter((a) => a.agreement === 'recruitment' && (jobcentre === undefined || a.leadJobcentre === jobcentre));
  return {
    recruitment: recruitment.length,
    expectedHires: recruitment.reduce((s, a) => s + a.expectedHires, 0),
    aKasse: jobcentre === undefined ? inForce.filter((a) => a.agreement === 'a-kasse').length : null,
  };
}
