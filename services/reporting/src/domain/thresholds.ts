import { z } from 'zod';

/** A figure's traffic light for the steering group. */
export type Light = 'green' | 'yellow' | 'red';

/**
 * Where a figure turns green and yellow. `higher`: green at or above `green`, yellow at or above
 * `yellow`, else red. `lower`: green at or below `green`, yellow at or below `yellow`, else red.
 */
export const Threshold = z
  .strictObject({
    better: z.enum(['higher', 'lower']),
    green: z.number().finite(),
    yellow: z.number().finite(),
  })
  .refine((t) => (t.better === 'higher' ? t.green >= t.yellow : t.green <= t.yellow), {
    message: 'green must be at least as good as yellow',
  });
export type Threshold = z.infer<typeof Threshold>;

/** The figures that carry a traffic light. */
export const LIT_FIGURES = [
  'fillRate',
  'unfilled',
  'medianDaysToFill',
  'dialogueCompliance',
  'candidatesCompliance',
  'replyInTimeRate',
  'medianReplyMinutes',
  'placementProgress',
  'followUpsDone',
  'retention',
  'recruitmentAgreements',
  'aKasseAgreements',
  'escalationFillRate',
  'seatUseRate',
  'courseCompletionRate',
  'courseHireRate',
  'costPerHire',
] as const;
export type LitFigure = (typeof LIT_FIGURES)[number];

export type Thresholds = Record<LitFigure, Threshold>;

/**
 * The defaults. Rates are fractions (0.8 = 80 %). JRS's aim for unfilled orders is "preferably
 * zero", hence green only at 0. Placement progress is placements ÷ the period's target. Agreements
 * are counts in force in the period; cost per hire is in whole kroner.
 */
export const DEFAULT_THRESHOLDS: Thresholds = {
  fillRate: { better: 'higher', green: 0.8, yellow: 0.6 },
  unfilled: { better: 'lower', green: 0, yellow: 2 },
  medianDaysToFill: { better: 'lower', green: 14, yellow: 28 },
  dialogueCompliance: { better: 'higher', green: 0.95, yellow: 0.85 },
  candidatesCompliance: { better: 'higher', green: 0.9, yellow: 0.75 },
  replyInTimeRate: { better: 'higher', green: 0.9, yellow: 0.75 },
  medianReplyMinutes: { better: 'lower', green: 1440, yellow: 2880 },
  placementProgress: { better: 'higher', green: 1, yellow: 0.8 },
  followUpsDone: { better: 'higher', green: 0.95, yellow: 0.8 },
  retention: { better: 'higher', green: 0.85, yellow: 0.7 },
  recruitmentAgreements: { better: 'higher', green: 5, yellow: 1 },
  aKasseAgreements: { better: 'higher', green: 2, yellow: 1 },
  escalationFillRate: { better: 'higher', green: 0.5, yellow: 0.25 },
  seatUseRate: { better: 'higher', green: 0.9, yellow: 0.75 },
  courseCompletionRate: { better: 'higher', green: 0.8, yellow: 0.6 },
  courseHireRate: { better: 'higher', green: 0.5, yellow: 0.3 },
  costPerHire: { better: 'lower', green: 40000, yellow: 80000 },
};

/** Configured limits for some figures (the rest keep their defaults). */
export const ThresholdOverrides = z.partialRecord(z.enum(LIT_FIGURES), Threshold);

/** The light of a value, or null when there is no value (nothing to judge: no orders, no target). */
export function lightOf(value: number | null, threshold: Threshold): Light | null {
  if (value === null || Number.isNaN(value)) return null;
  if (threshold.better === 'higher') return value >= threshold.green ? 'green' : value >= threshold.yellow ? 'yellow' : 'red';
  return value <= threshold.green ? 'green' : value <= threshold.yellow ? 'yellow' : 'red';
}
