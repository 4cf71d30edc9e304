import type { Translate } from '../i18n';
import { da, type MessageKey } from '../locales';
import type { GoalsView, OrderView } from './orders-api';

export interface TimelineRow {
  at: string;
  by: string;
  /** The line in the reader's words; a kind this front does not know is shown as it is named. */
  what: string;
  detail: string;
}

const known = (key: string): key is MessageKey => key in da;
const word = (t: Translate, prefix: string, value: string) => (known(`${prefix}${value}`) ? t(`${prefix}${value}` as MessageKey) : value);

/** Who did what when: the order's own lines and its clocks' (started, warned, breached, met), oldest first. */
export function timelineRows(order: OrderView, goals: GoalsView, t: Translate): TimelineRow[] {
  return [
    ...order.timeline.map((l) => ({
      at: l.at,
      by: l.by,
      what: word(t, 'orders.timeline.', l.kind),
      detail: [
        l.from && l.to ? `${word(t, 'orders.state.', l.from)} → ${word(t, 'orders.state.', l.to)}` : '',
        l.note ?? '',
        l.reason ?? '',
      ]
        .filter(Boolean)
        .join(' · '),
    })),
    ...goals.timeline.map((l) => ({
      at: l.at,
      by: l.by,
      what: word(t, 'orders.timeline.', l.type),
      detail: [word(t, 'orders.goal.', l.goal), l.note ?? ''].filter(Boolean).join(' · '),
    })),
  ].sort((a, b) => a.at.localeCompare(b.at));
}
