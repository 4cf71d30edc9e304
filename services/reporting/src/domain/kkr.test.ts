import { overviewCsv, proposal, SEED_RECOMMENDATIONS, type StatusEntry, scheme, schemeCsv } from './kkr';

const limits = { green: 0.9, yellow: 0.75 };
const evidence = { cooperation: 'HRS', replyInTimeRate: 0.8, dialogueCompliance: 0.95 };
const entry = (over: Partial<StatusEntry>): StatusEntry => ({
  id: 'e1',
  municipality: 185,
  recommendationId: 'kkr-2026-4',
  year: 2026,
  status: 'yellow',
  remark: 'I gang',
  by: 'consultant-185',
  at: '2026-01-15T10:00:00.000Z',
  ...over,
});

describe('KKR progress scheme', () => {
  it('proposes a status from the platform’s evidence and says so', () => {
    const rec = (id: string) => SEED_RECOMMENDATIONS.find((r) => r.id === id)!;
    expect(proposal(rec('kkr-2026-1'), evidence, limits)).toEqual({ status: 'green', remark: 'Medlem af HRS (platformens data)' });
    expect(proposal(rec('kkr-2026-1'), { ...evidence, cooperation: null }, limits)?.status).toBe('red');
    expect(proposal(rec('kkr-2026-2'), evidence, limits)).toEqual({ status: 'yellow', remark: 'Svar i tide: 80 % (platformens data)' });
    expect(proposal(rec('kkr-2026-2'), { ...evidence, replyInTimeRate: null }, limits)).toBeUndefined();
    expect(proposal(rec('kkr-2026-4'), evidence, limits)).toBeUndefined();
  });

  it('lists only "must" recommendations, the municipality’s own latest status over the proposal, with history', () => {
    const entries = [
      entry({}),
      entry({ id: 'e2', status: 'green', remark: 'Aftale indgået', at: '2026-02-01T10:00:00.000Z' }),
      entry({ id: 'e3', recommendationId: 'kkr-2026-1', status: 'red', remark: 'Uenig' }),
    ];
    const rows = scheme(2026, SEED_RECOMMENDATIONS, entries, evidence, limits);
    expect(rows.map((r) => r.recommendation.id)).toEqual(['kkr-2026-1', 'kkr-2026-2', 'kkr-2026-3', 'kkr-2026-4']);
    expect(rows[0]!.current).toMatchObject({ status: 'red', source: 'municipality' });
    expect(rows[1]!.current).toMatchObject({ status: 'yellow', source: 'platform', by: null });
    expect(rows[3]!.current).toMatchObject({ status: 'green', remark: 'Aftale indgået', source: 'municipality' });
    expect(rows[3]!.history.map((h) => h.id)).toEqual(['e1', 'e2']);
    expect(scheme(2024, SEED_RECOMMENDATIONS, entries, evidence, limits)).toEqual([]);
  });

  it('exports one scheme and the overview as Danish CSV', () => {
    const rows = scheme(2026, SEED_RECOMMENDATIONS, [entry({})], evidence, limits);
    const one = schemeCsv('Høje-Taastrup', 2026, rows);
    expect(one.split('\r\n')[0]).toBe(
      '\uFEFFKommune;År;Anbefaling;Kategori;Tekst;Status;Bemærkning;Kilde;Ændret;Ændret af;Antal ændringer',
    );
    expect(one).toContain('Høje-Taastrup;2026;kkr-2026-4;Opkvalificering;');
    expect(one).toContain(';gul;I gang;kommunen;');
    expect(one).toContain('platformen (forslag)');
    const all = overviewCsv(2026, [
      { name: 'Tårnby', rows },
      { name: 'Høje-Taastrup', rows },
    ]);
    expect(all.trimEnd().split('\r\n')).toHaveLength(1 + 2 * 4);
  });
});
