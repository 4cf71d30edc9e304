import { translator } from '../i18n';
import { timelineNote } from './timeline-notes';

describe("the timeline's notes in the reader's words", () => {
  const cases: [string, string, string][] = [
    ['channel phone-line', 'Kanal: den fælles telefonlinje', 'Channel: the shared phone line'],
    ['due 2026-12-04T21:42:20.314Z', 'frist 4. december 2026 kl. 22.42', 'due 4 December 2026 at 22:42'],
    ['round 2836413f-cb1c-d7c8-e4fa-c4c2e157892e-1 opened', 'en runde til jobcentrene er åbnet', 'a round to the jobcentres was opened'],
    ['searching', 'Søger', 'Searching'],
    ['order cancelled', 'ordren er annulleret', 'the order was cancelled'],
    [
      'order closed-unfilled before the goal was met',
      'ordren blev lukket (Lukket ubesat), før målet var nået',
      'the order was closed (Closed unfilled) before the goal was met',
    ],
    [
      '185/cand-7 from 2026-12-15, 37 h/week',
      'cand-7 fra Tårnby (185), starter 15. december 2026, 37 timer om ugen',
      'cand-7 from Tårnby (185), starting 15 December 2026, 37 hours a week',
    ],
    ['185/cand-7; screened: none', 'cand-7 fra Tårnby (185); screenet for: intet', 'cand-7 from Tårnby (185); screened for: nothing'],
    ['101 → 185', 'København (101) → Tårnby (185)', 'København (101) → Tårnby (185)'],
    ['Virksomheden ringede selv', 'Virksomheden ringede selv', 'Virksomheden ringede selv'],
  ];
  it.each(cases)('%s', (note, inDanish, inEnglish) => {
    expect(timelineNote(note, translator('da'), 'da')).toBe(inDanish);
    expect(timelineNote(note, translator('en'), 'en')).toBe(inEnglish);
  });
});
