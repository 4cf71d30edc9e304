import { parseFilters, queryOf } from './dashboard-filters';
import { DashboardViewSchema } from './dashboard-view';
import { cooperationSeeds } from '@rs/reference-data';

const SEEDS = cooperationSeeds();

describe("the dashboard's filters", () => {
  it("gives an admin naming only a jobcentre that jobcentre's cooperation (no 403 for /dashboard?jobcentre=330)", () => {
    const parsed = parseFilters({ jobcentre: '330' }, { role: 'admin' }, SEEDS);
    expect(parsed.filters).toEqual({ jobcentre: '330', cooperation: 'JRS' });
    expect(parsed).toMatchObject({ dropped: [], notMember: null });
    expect(parseFilters({}, { role: 'admin' }, SEEDS).filters.cooperation).toBe('HRS');
  });

  it('leaves out a jobcentre that is not a member of the chosen cooperation, with a notice', () => {
    const parsed = parseFilters({ cooperation: 'HRS', jobcentre: '330' }, { role: 'admin' }, SEEDS);
    expect(parsed.filters).toEqual({ cooperation: 'HRS' });
    expect(parsed.notMember).toEqual({ jobcentre: 330, cooperation: 'HRS' });
    expect(parseFilters({ jobcentre: '330' }, { role: 'secretariat', cooperation: 'HRS' }, SEEDS).notMember).toEqual({
      jobcentre: 330,
      cooperation: 'HRS',
    });
    expect(parseFilters({ jobcentre: '185' }, { role: 'secretariat', cooperation: 'HRS' }, SEEDS).filters).toEqual({ jobcentre: '185' });
  });

  it('names every field it drops, and takes no year before 2020', () => {
    const parsed = parseFilters(
      { cooperation: 'hrs', period: '2019-Q1', jobcentre: '12', bars: '<x>' },
      { role: 'jobcentre', jobcentre: 101 },
      SEEDS,
    );
    expect(parsed.dropped).toEqual(['cooperation', 'period', 'jobcentre', 'bars']);
    expect(parsed.filters).toEqual({});
    expect(parseFilters({ period: '2020-01' }, { role: 'jobcentre', jobcentre: 101 }, SEEDS).filters).toEqual({ period: '2020-01' });
    expect(parseFilters({ period: '' }, { role: 'jobcentre', jobcentre: 101 }, SEEDS).dropped).toEqual([]);
    expect(queryOf({ cooperation: 'HRS', period: '2026-Q3', jobcentre: '101', bars: 'fillRate' })).toBe(
      'cooperation=HRS&period=2026-Q3&jobcentre=101',
    );
  });
});

describe("reporting's dashboard at the page's edge", () => {
  const view = {
    cooperation: 'HRS',
    period: { id: '2026-Q3', kind: 'quarter', from: '2026-07-01', to: '2026-10-01' },
    jobcentre: null,
    jobcentreName: null,
    tiles: [{ figure: 'fillRate', label: { da: 'B', en: 'F' }, unit: 'ratio', value: 0.5, light: 'blue', threshold: null }],
    jobcentres: [{ jobcentre: 101, name: 'København', values: { fillRate: { value: 0.5, light: 'purple' } } }],
    trend: [],
    trendSeries: { rates: [], counts: [] },
    all: [{ path: 'upskilling.costDkk', label: { da: 'K', en: 'C' }, unit: 'euro', value: 3 }],
  };

  it('reads a light or unit it does not know as none / a count, so the translator is never asked for a new key', () => {
    const parsed = DashboardViewSchema.parse(view);
    expect(parsed.tiles[0]?.light).toBeNull();
    expect(parsed.jobcentres[0]?.values.fillRate?.light).toBeNull();
    expect(parsed.all[0]?.unit).toBe('count');
  });

  it('refuses an answer of another shape', () => {
    expect(() => DashboardViewSchema.parse({ ...view, tiles: 'x' })).toThrow();
  });
});
