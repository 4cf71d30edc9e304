import { join } from 'node:path';
import { KkrCycle, KkrScheme } from '@rs/contracts';
import { Eta } from 'eta';
import { BrokenAnswer, brokenAnswerPage, parseAnswer } from './answer';
import { translator } from './i18n';
import { DashboardViewSchema } from './routes/dashboard-view';

const scheme = {
  municipality: 185,
  name: 'Tårnby',
  year: 2026,
  rows: [
    {
      recommendation: { id: 'kkr-2026-1', year: 2026, category: 'Samarbejde', obligation: 'must', text: 'Indgå i et samarbejde' },
      current: { status: 'green', remark: '', source: 'platform', at: null, by: null },
      history: [],
    },
  ],
};

describe("the pages' check of reporting's answers", () => {
  it('passes an answer of the documented shape on as it came', () => {
    expect(parseAnswer(KkrScheme, scheme, 'reporting', '/kkr/schemes/185?year=2026')).toEqual(scheme);
    const cycle = {
      year: 2026,
      current: 'marking',
      phases: [{ id: 'marking', from: '2026-01-01', to: '2027-01-01', label: { da: 'Markering', en: 'Marking' } }],
    };
    expect(parseAnswer(KkrCycle, cycle, 'reporting', '/kkr/cycle')).toEqual(cycle);
  });

  it('refuses a broken answer, naming the service, the path without its query and each failing field', () => {
    const broken = { ...scheme, name: undefined, rows: [{ ...scheme.rows[0], current: { ...scheme.rows[0]!.current, status: 'purple' } }] };
    let thrown: unknown;
    try {
      parseAnswer(KkrScheme, broken, 'reporting', '/kkr/schemes/185?year=2026');
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(BrokenAnswer);
    expect(thrown).toMatchObject({ service: 'reporting', path: '/kkr/schemes/185', fields: ['name', 'rows.0.current.status'] });
    expect(() => parseAnswer(DashboardViewSchema, { cooperation: 'HRS' }, 'reporting', '/figures/dashboard')).toThrow(BrokenAnswer);
    expect(() => parseAnswer(DashboardViewSchema, 'Bad gateway', 'reporting', '/figures/dashboard')).toThrow(/\(body\)/);
  });

  it('shows the broken answer as an error page in the reader’s language and the other one', () => {
    const eta = new Eta({ views: join(__dirname, '..', 'views'), autoEscape: true });
    const data = brokenAnswerPage(new BrokenAnswer('reporting', '/figures/dashboard', ['tiles']), 'da');
    const html = eta.render('./error', { lang: 'da', t: translator('da'), title: 'x', path: '/dashboard', nav: [], csrf: '', ...data });
    expect(html).toContain('Tjenesten reporting svarede med data, som siden ikke kan læse');
    expect(html).toContain(
      '<p class="alert-text" lang="en" data-testid="error-other">The reporting service answered with data this page cannot read',
    );
    expect(html).not.toContain('tiles');
  });
});
