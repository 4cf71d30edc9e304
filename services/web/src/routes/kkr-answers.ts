import { z } from 'zod';

/**
 * reporting's KKR answers as the pages read them (GET /kkr/schemes/:municipality, /kkr/overview,
 * /kkr/cycle), checked at the page's edge (getParsed): a broken answer is an error page, not a
 * scheme drawn from missing fields. Only what the pages use is required; reporting may add more.
 */
const Light = z.enum(['green', 'yellow', 'red']);
const Label = z.object({ da: z.string(), en: z.string() });

const SchemeRow = z.object({
  recommendation: z.object({
    id: z.string(),
    year: z.number().int(),
    category: z.string(),
    obligation: z.enum(['must', 'may']),
    text: z.string(),
    evidence: z.string().optional(),
  }),
  current: z
    .object({
      status: Light,
      remark: z.string(),
      source: z.enum(['municipality', 'platform']),
      at: z.string().nullable(),
      by: z.string().nullable(),
    })
    .nullable(),
  history: z.array(z.object({ id: z.string(), status: Light, remark: z.string(), by: z.string(), at: z.string() })),
});

export const SchemeAnswer = z.object({
  municipality: z.number().int(),
  name: z.string(),
  year: z.number().int(),
  rows: z.array(SchemeRow),
});
export type Scheme = z.infer<typeof SchemeAnswer>;

export const OverviewAnswer = z.object({ year: z.number().int(), schemes: z.array(SchemeAnswer) });

export const CycleAnswer = z.object({
  year: z.number().int(),
  phases: z.array(z.object({ id: z.string(), from: z.iso.date(), to: z.iso.date(), label: Label })),
  current: z.string().nullable(),
});
export type Cycle = z.infer<typeof CycleAnswer>;
