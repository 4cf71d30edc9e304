import { dashboardView, FIGURE_LABELS, LIT_FIGURE_INFO, labelOfKey, leaves, trendMonths, unitOfKey } from './dashboard-view';
import { report } from './figures';
import { parsePeriod } from './period';
import { DEFAULT_THRESHOLDS, LIT_FIGURES } from './thresholds';

const scope = (period: string) => ({
  cooperation: 'HRS',
  period: parsePeriod(period)!,
  members: [101, 185],
  thresholds: DEFAULT_THRESHOLDS,
  targetPerQuarter: 125,
  cooperationOf: () => 'HRS',
});
const names: Record<number, string> = { 101: 'København', 185: 'Tårnby' };
const order = (orderId: string, lead: number, at: string) =>
  ({
    kind: 'order',
    key: `order:${orderId}`,
    orderId,
    cooperation: 'HRS',
    leadJobcentre: lead,
    positions: 1,
    channel: 'jobcentre',
    at,
  }) as const;

describe("the dashboard's view", () => {
  it('makes a tile of every lit figure, a named row per member and the months', () => {
    const facts = [order('a', 185, '2026-07-10T08:00:00.000Z'), order('b', 101, '2026-08-10T08:00:00.000Z')];
    const months = ['2026-07', '2026-08', '2026-09'].map((m) => report(facts as never, scope(m)));
    const view = dashboardView(report(facts as never, scope('2026-Q3')), months, DEFAULT_THRESHOLDS, (j) => names[j]!);
    expect(view.tiles.map((t) => t.figure)).toEqual([...LIT_FIGURES]);
    expect(view.tiles[0]).toMatchObject({
      label: { da: 'Besættelsesgrad', en: 'Fill rate' },
      unit: 'ratio',
      threshold: DEFAULT_THRESHOLDS.fillRate,
    });
    expect(view.jobcentres.map((j) => j.name)).toEqual(['København', 'Tårnby']);
    expect(view.trend.map((m) => m.values['orders.received'])).toEqual([1, 1, 0]);
    expect(view.all.find((a) => a.path === 'orders.byChannel.jobcentre')).toMatchObject({ value: 2, label: { da: 'Via jobcenter' } });
  });

  it('shows a figure the catalogue does not name yet by its key, with the unit its name implies', () => {
    expect(labelOfKey('upskilling.seatsBought')).toEqual({ da: 'upskilling › seats bought', en: 'upskilling › seats bought' });
    expect(unitOfKey('upskilling.costPerHire')).toBe('count');
    expect(unitOfKey('onboarding.retentionRate')).toBe('ratio');
    expect(unitOfKey('replies.medianReplyMinutes')).toBe('minutes');
    expect(leaves({ a: 1, b: { c: null, d: 2 }, lights: { x: 'green' } })).toEqual([
      ['a', 1],
      ['b.c', null],
      ['b.d', 2],
    ]);
  });

  it('takes the twelve months up to the period, none after this month', () => {
    expect(trendMonths(parsePeriod('2026-Q3')!, '2026-12')).toEqual([
      '2025-10',
      '2025-11',
      '2025-12',
      '2026-01',
      '2026-02',
      '2026-03',
      '2026-04',
      '2026-05',
      '2026-06',
      '2026-07',
      '2026-08',
      '2026-09',
    ]);
    expect(trendMonths(parsePeriod('2026-Q4')!, '2026-11').at(-1)).toBe('2026-11');
    expect(trendMonths(parsePeriod('2026-01')!, '2026-12', 3)).toEqual(['2025-11', '2025-12', '2026-01']);
  });

  it('gives only months that are periods: none before January 2000 (the fuzzer asked for 2000-01)', () => {
    const months = trendMonths(parsePeriod('2000-02')!, '2026-12');
    expect(months).toEqual(['2000-01', '2000-02']);
    for (const id of months) expect(parsePeriod(id)).toBeDefined();
  });
});

describe("the catalogue of figures' names", () => {
  // An empty quarter still has every figure of the set (as 0 or null), so its leaves are all the paths.
  const set = report([], scope('2026-Q3')).figures;
  const named = (label: { da?: string; en?: string } | undefined) => Boolean(label?.da?.trim()) && Boolean(label?.en?.trim());

  it('names every figure of the set in Danish and English, so none appears by its key', () => {
    const unnamed = leaves(set)
      .map(([path]) => path)
      .filter((path) => !named(FIGURE_LABELS[path]));
    expect(unnamed).toEqual([]);
  });

  it('names every lit figure in both languages with its unit', () => {
    expect(Object.keys(set.lights).sort()).toEqual([...LIT_FIGURES].sort());
    const unnamed = LIT_FIGURES.filter((f) => !named(LIT_FIGURE_INFO[f]) || !LIT_FIGURE_INFO[f]?.unit);
    expect(unnamed).toEqual([]);
  });

  it('gives shares and kroner their units', () => {
    const view = dashboardView(report([], scope('2026-Q3')), [], DEFAULT_THRESHOLDS, String);
    const unit = (path: string) => view.all.find((a) => a.path === path)?.unit;
    expect(unit('followUps.retention')).toBe('ratio');
    expect(unit('upskilling.costPerHireDkk')).toBe('dkk');
    expect(view.tiles.find((t) => t.figure === 'costPerHire')).toMatchObject({ unit: 'dkk', label: { da: 'Pris pr. ansættelse' } });
    expect(view.all.every((a) => a.label.da !== labelOfKey(a.path).da)).toBe(true);
  });
});
