import type { Translate } from '../i18n';
import { da, type MessageKey } from '../locales';
import type { GoalClock } from './orders-api';

/**
 * A word for a value the API sends (a status, a scope, a standing): the catalogue's when it has
 * one, else the value itself — an enum value added to an API later must not break the page.
 */
export function wordOf(t: Translate): (prefix: string, value: unknown) => string {
  return (prefix, value) => {
    const key = `${prefix}.${String(value)}`;
    return key in da ? t(key as MessageKey) : String(value);
  };
}

export interface GoalShown {
  /** What the badge says: the API's standing, or `warned` / `breached` once their time has come. */
  standing: GoalClock['standing'] | 'warned';
  badge: 'badge-error' | 'badge-warning' | 'badge-info' | 'badge-success' | '';
  /** The clock still runs: show its time left. */
  running: boolean;
}

/**
 * A service-goal clock as the lead's pages show it: past its due time it is breached and past
 * its warning time warned, before the timers have run (as the queue's urgency counts it); only a
 * goal met in time is green — not started and stopped clocks are a plain (neutral) badge.
 */
export function goalShown(g: GoalClock, now: Date): GoalShown {
  const at = now.getTime();
  const running = g.standing === 'running';
  const overdue = running && g.dueAt !== null && Date.parse(g.dueAt) <= at;
  const warned = running && !overdue && (g.warnedAt !== undefined || (g.warnAt !== null && Date.parse(g.warnAt) <= at));
  const standing: GoalShown['standing'] = overdue ? 'breached' : warned ? 'warned' : g.standing;
  const badge: GoalShown['badge'] =
    standing === 'breached' || standing === 'met-late'
      ? 'badge-error'
      : standing === 'warned'
        ? 'badge-warning'
        : standing === 'running'
          ? 'badge-info'
          : standing === 'met'
            ? 'badge-success'
            : '';
  return { standing, badge, running: (standing === 'running' || standing === 'warned') && g.dueAt !== null };
}
