import * as candidates from './candidates';
import * as cooperations from './cooperations';
import * as core from './core';
import * as courses from './courses';
import * as inquiries from './inquiries';
import * as needs from './needs';
import * as orders from './orders';
import * as dashboard from './dashboard';
import * as followUps from './follow-ups';
import * as operator from './operator';

/**
 * The whole catalogue, Danish (the default) and English: one file per area of the web front, each
 * with both languages. A new area adds its import and one spread to each list below.
 */
export const da = {
  ...core.da,
  ...courses.da,
  ...needs.da,
  ...candidates.da,
  ...orders.da,
  ...dashboard.da,
  ...operator.da,
  ...cooperations.da,
  ...inquiries.da,
  ...followUps.da,
};

export type MessageKey = keyof typeof da;

export const en: Record<MessageKey, string> = {
  ...core.en,
  ...courses.en,
  ...needs.en,
  ...candidates.en,
  ...orders.en,
  ...dashboard.en,
  ...operator.en,
  ...cooperations.en,
  ...inquiries.en,
  ...followUps.en,
};
