import type { Lang, Translate } from '../i18n';
import { da, type MessageKey } from '../locales';
import type { GoalsView, OrderView } from './orders-api';
import { timelineBy, timelineNote } from './timeline-notes';

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
export function timelineRows(order: OrderView, goals: GoalsView, t: Translate, lang: Lang): TimelineRow[] {
  const note = (text: string | undefined) => (text ? timelineNote(text, t, lang) : '');
  return [
    ...order.timeline.map((l) => ({
      at: l.at,
      by: timelineBy(l.by, t),
      what: word(t, 'orders.timeline.', l.kind),
      detail: [
        l.from && l.to ? `${word(t, 'orders.state.', l.from)} → ${word(t, 'orders.state.', l.to)}` : '',
        note(l.note),
        note(l.reason),
      ]
        .filter(Boolean)
        .join(' · '),
    })),
    ...goals.timeline.map((l) => ({
      at: l.at,
      by: timelineBy(l.by, t),
      what: word(t, 'orders.timeline.', l.type),
      detail: [word(t, 'orders.goal.', l.goal), note(l.note)].filter(Boolean).join(' · '),
    })),
  ].sort((a, b) => a.at.localeCompare(b.at));
}
