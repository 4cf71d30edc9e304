import { type CooperationsNow, type CourseSummary, cooperationIdOf, membersOf, type ScopeId } from '@rs/contracts';
import { recipientsFor } from '@rs/reference-data';
import type { BudgetCeiling, Course } from './course';

export interface FieldProblem {
  field: string;
  en: string;
  da: string;
}

export interface CourseInput {
  id: string;
  leadJobcentre: number;
  scope: ScopeId;
  summary: CourseSummary;
  budgetCeilings: BudgetCeiling[];
  defaultBudgetCeilingDkk: number | null;
}

/** Months of ordinary employment the regional positive-list pool requires of a guarantee. */
export const POOL_MIN_EMPLOYMENT_MONTHS = 3;

/**
 * What is wrong with a new course, field by field (empty: it may open). The rules that zod cannot
 * see alone: dates in order, the window closing in the future and before the course starts, the
 * positive-list pool's conditions (on the list, a guarantee declared with at least three months of
 * ordinary employment), ceilings only for jobcentres in scope and each once.
 */
export function courseProblems(input: CourseInput, now: Date, cooperations: CooperationsNow): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const s = input.summary;
  const add = (field: string, en: string, da: string) => problems.push({ field: `body.${field}`, en, da });
  if (s.endDate < s.startDate) add('endDate', 'ends before it starts', 'slutter før det begynder');
  const closes = Date.parse(s.windowClosesAt);
  if (closes <= now.getTime()) add('windowClosesAt', 'must be in the future', 'skal ligge i fremtiden');
  if (closes >= Date.parse(`${s.startDate}T00:00:00.000Z`)) {
    add('windowClosesAt', 'must close before the course starts', 'skal lukke før kurset begynder');
  }
  if (input.scope === 'cooperation' && !cooperationIdOf(cooperations, input.leadJobcentre)) {
    add(
      'scope',
      'the lead jobcentre is in no cooperation: choose east-denmark or national',
      'jobcentret er ikke i et samarbejde: vælg east-denmark eller national',
    );
  }
  if (s.fundedBy === 'regional-pool') {
    if (!s.positiveList)
      add(
        'positiveList',
        'the regional pool pays only for courses on the positive list',
        'den regionale pulje betaler kun for kurser på positivlisten',
      );
    if (s.guarantee.kind === 'none') {
      add(
        'guarantee',
        `the regional pool needs the company's declaration of a (near-)job guarantee with at least ${POOL_MIN_EMPLOYMENT_MONTHS} months of ordinary employment`,
        `den regionale pulje kræver virksomhedens erklæring om (næsten) jobgaranti med mindst ${POOL_MIN_EMPLOYMENT_MONTHS} måneders ordinær ansættelse`,
      );
    } else {
      const d = s.guarantee.declaration;
      if (d.employmentMonths < POOL_MIN_EMPLOYMENT_MONTHS) {
        add(
          'guarantee.declaration.employmentMonths',
          `the regional pool needs at least ${POOL_MIN_EMPLOYMENT_MONTHS} months of employment`,
          `den regionale pulje kræver mindst ${POOL_MIN_EMPLOYMENT_MONTHS} måneders ansættelse`,
        );
      }
      if (!d.ordinaryEmployment) {
        add(
          'guarantee.declaration.ordinaryEmployment',
          'the regional pool needs ordinary employment',
          'den regionale pulje kræver ordinær ansættelse',
        );
      }
    }
  }
  if (problems.some((p) => p.field === 'body.scope')) return problems;
  const scope =
    input.scope === 'cooperation' && !cooperationIdOf(cooperations, input.leadJobcentre)
      ? []
      : inScopeOf(input.leadJobcentre, input.scope, cooperations);
  const seen = new Set<number>();
  input.budgetCeilings.forEach((c, i) => {
    if (!scope.includes(c.jobcentre)) add(`budgetCeilings.${i}.jobcentre`, "not in the course's scope", 'ikke i kursets område');
    if (seen.has(c.jobcentre)) add(`budgetCeilings.${i}.jobcentre`, 'named twice', 'nævnt to gange');
    seen.add(c.jobcentre);
  });
  return problems;
}

/**
 * The jobcentres a course is offered to: the lead and every jobcentre of the scope, ascending —
 * for 'cooperation' the lead's cooperation's members that day, as the cooperations are now (fixed
 * in the course from its opening: a later change of the cooperation never alters its offers).
 */
export function inScopeOf(leadJobcentre: number, scope: ScopeId, cooperations: CooperationsNow): number[] {
  if (scope !== 'cooperation') return [leadJobcentre, ...recipientsFor(scope, leadJobcentre)].sort((a, b) => a - b);
  const own = cooperationIdOf(cooperations, leadJobcentre);
  if (!own) throw new Error(`inScopeOf: jobcentre ${leadJobcentre} is in no cooperation; choose 'east-denmark' or 'national'`);
  return [...new Set([leadJobcentre, ...membersOf(cooperations, own)])].sort((a, b) => a - b);
}

/** The course as it opens (courseProblems must be empty). */
export function openCourse(input: CourseInput, now: Date, cooperations: CooperationsNow): Course {
  return {
    id: input.id,
    leadJobcentre: input.leadJobcentre,
    cooperation: cooperationIdOf(cooperations, input.leadJobcentre) ?? null,
    scope: input.scope,
    inScope: inScopeOf(input.leadJobcentre, input.scope, cooperations),
    // Instants stored as UTC (toISOString), so their strings sort as the instants do.
    summary: { ...input.summary, windowClosesAt: new Date(input.summary.windowClosesAt).toISOString() },
    budgetCeilings: [...input.budgetCeilings].sort((a, b) => a.jobcentre - b.jobcentre),
    defaultBudgetCeilingDkk: input.defaultBudgetCeilingDkk,
    status: 'open',
    openedAt: now.toISOString(),
    requests: [],
  };
}
