import { z } from 'zod';

/*
 * reporting's KKR answers (issue 20, part 4), shared by reporting (which declares its routes'
 * responses with them, so /openapi.json documents them) and the web front (which checks each
 * answer at its edge with them): the page and the API cannot drift apart unnoticed.
 */

/** A municipality's status of a "must" recommendation. */
export const KkrLight = z.enum(['green', 'yellow', 'red']);

/** The platform's data a status may be proposed from. */
export const KKR_EVIDENCE = ['cooperation-membership', 'reply-compliance', 'service-goal-compliance'] as const;

/** The annual cycle's phases: marking through the year, the municipal council, collected for KKR. */
export const KKR_PHASES = ['marking', 'council', 'collection'] as const;

/** A KKR recommendation (GET /kkr/recommendations lists a year's). */
export const KkrRecommendation = z.object({
  id: z.string(),
  year: z.number().int(),
  category: z.string(),
  obligation: z.enum(['must', 'may']),
  text: z.string(),
  evidence: z.enum(KKR_EVIDENCE).optional(),
});

/** One entry of a recommendation's history: a status set by the municipality (or an admin). */
export const KkrEntry = z.object({
  id: z.string(),
  municipality: z.number().int(),
  recommendationId: z.string(),
  year: z.number().int(),
  status: KkrLight,
  remark: z.string(),
  by: z.string(),
  at: z.string(),
});

/** GET /kkr/schemes/:municipality — one municipality's scheme of a year. */
export const KkrScheme = z.object({
  municipality: z.number().int(),
  name: z.string(),
  year: z.number().int(),
  rows: z.array(
    z.object({
      recommendation: KkrRecommendation,
      current: z
        .object({
          status: KkrLight,
          remark: z.string(),
          source: z.enum(['municipality', 'platform']),
          at: z.string().nullable(),
          by: z.string().nullable(),
        })
        .nullable(),
      history: z.array(KkrEntry),
    }),
  ),
});
export type KkrScheme = z.infer<typeof KkrScheme>;

/** GET /kkr/overview — every scheme the caller may collect. */
export const KkrOverview = z.object({ year: z.number().int(), schemes: z.array(KkrScheme) });

/** GET /kkr/cycle — a year's cycle and the phase today is in (`to` is the day after the phase). */
export const KkrCycle = z.object({
  year: z.number().int(),
  phases: z.array(
    z.object({ id: z.enum(KKR_PHASES), from: z.string(), to: z.string(), label: z.object({ da: z.string(), en: z.string() }) }),
  ),
  current: z.enum(KKR_PHASES).nullable(),
});
export type KkrCycle = z.infer<typeof KkrCycle>;
