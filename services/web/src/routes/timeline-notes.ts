import { jobcentre } from '@rs/reference-data';
import { formatDate, formatInstant, type Lang, type Translate } from '../i18n';
import { da, type MessageKey } from '../locales';

/**
 * The notes order intake writes on its timeline are short machine-made English ("channel
 * phone-line", "due 2026-12-04T21:42:20Z", "round … opened"): each known shape is read here and
 * said again in the reader's words, dates as dates. A note of no known shape is shown as written
 * (a person's free text, or a shape this front does not know yet).
 */
const known = (key: string): key is MessageKey => key in da;
const word = (t: Translate, prefix: string, value: string) => (known(`${prefix}${value}`) ? t(`${prefix}${value}` as MessageKey) : value);
const jobcentreName = (code: string) => `${jobcentre(Number(code))?.name ?? 'Jobcenter'} (${code})`;

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T[\d:.]+Z$/;
const SHAPES: readonly [RegExp, (m: RegExpExecArray, t: Translate, lang: Lang) => string][] = [
  [/^channel (\S+)$/, (m, t) => t('timeline.note.channel', { channel: word(t, 'timeline.channel.', m[1]!) })],
  [/^due (\S+)$/, (m, t, lang) => t('timeline.note.due', { at: ISO_INSTANT.test(m[1]!) ? formatInstant(m[1]!, lang) : m[1]! })],
  [/^round \S+ opened$/, (_m, t) => t('timeline.note.roundOpened')],
  [/^order cancelled$/, (_m, t) => t('timeline.note.orderCancelled')],
  [/^order (\S+) before the goal was met$/, (m, t) => t('timeline.note.closedBeforeGoal', { state: word(t, 'orders.state.', m[1]!) })],
  [/^agreed-alternative$/, (_m, t) => t('timeline.note.agreedAlternative')],
  [
    /^(\d{3})\/(\S+) from (\d{4}-\d{2}-\d{2}), ([\d.]+) h\/week$/,
    (m, t, lang) => t('timeline.note.hire', { jobcentre: jobcentreName(m[1]!), ref: m[2]!, from: formatDate(m[3]!, lang), hours: m[4]! }),
  ],
  [
    /^(\d{3})\/(\S+); screened: (.*)$/,
    (m, t) =>
      t('timeline.note.presented', {
        jobcentre: jobcentreName(m[1]!),
        ref: m[2]!,
        screened: m[3] === 'none' ? t('timeline.note.screenedNone') : m[3]!,
      }),
  ],
  [/^(\d{3}) → (\d{3})$/, (m) => `${jobcentreName(m[1]!)} → ${jobcentreName(m[2]!)}`],
];

/** A timeline note (or a move's reason) in the reader's words. */
export function timelineNote(note: string, t: Translate, lang: Lang): string {
  for (const [shape, say] of SHAPES) {
    const m = shape.exec(note);
    if (m) return say(m, t, lang);
  }
  // A goal met by the order's move names the state it moved to.
  return known(`orders.state.${note}`) ? t(`orders.state.${note}` as MessageKey) : note;
}

/** Who wrote a line: the platform itself in words, a person by the id they signed in with. */
export const timelineBy = (by: string, t: Translate): string => (by === 'system' ? t('timeline.by.system') : by);
