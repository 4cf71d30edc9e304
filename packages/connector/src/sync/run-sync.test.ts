import type { SharedCv } from '@rs/contracts';
import type { CvRecord, CvSource } from './cv-source';
import { runSync, type SyncProgress } from './run-sync';

const cv = (ref: string): SharedCv => ({
  candidateRef: ref,
  revision: '2026-11-01T08:00:00Z',
  headline: 'Kok',
  occupations: ['5120'],
  skills: [],
  languages: ['da'],
  municipality: 147,
  summary: '',
});

function source(records: CvRecord[]): CvSource {
  let read = 0;
  return {
    format: 'jsonl',
    totalBytes: records.length * 100,
    bytesRead: () => read * 100,
    records: (async function* () {
      for (const r of records) {
        read++;
        yield r;
      }
    })(),
  };
}

describe('runSync', () => {
  it('sends valid CVs in batches, reports progress after each, names and skips bad records, counts distinct candidates', async () => {
    const records: CvRecord[] = [
      ...Array.from({ length: 5 }, (_, i) => ({ line: i + 1, value: cv(`c${i}`) })),
      { line: 6, error: 'not JSON: Unexpected end of JSON input' },
      { line: 7, value: { ...cv('bad'), occupations: [] } },
      { line: 8, value: cv('c0') },
    ];
    const batches: { cvs: string[]; syncId?: string }[] = [];
    const progress: SyncProgress[] = [];
    const problems: string[] = [];
    const summary = await runSync({
      source: source(records),
      publisher: {
        upsertCvs: async (cvs, syncId) => {
          batches.push({ cvs: cvs.map((c) => c.candidateRef), ...(syncId ? { syncId } : {}) });
          return 'id';
        },
      },
      syncId: 'run-1',
      batchSize: 2,
      onProgress: (p) => progress.push(p),
      onInvalid: (line, problem) => problems.push(`${line}: ${problem}`),
    });
    expect(batches).toEqual([
      { cvs: ['c0', 'c1'], syncId: 'run-1' },
      { cvs: ['c2', 'c3'], syncId: 'run-1' },
      { cvs: ['c4', 'c0'], syncId: 'run-1' },
    ]);
    expect(progress.map((p) => p.sent)).toEqual([2, 4, 6]);
    expect(problems).toEqual(['6: not JSON: Unexpected end of JSON input', '7: occupations: Too small: expected array to have >=1 items']);
    expect(summary).toMatchObject({
      read: 8,
      sent: 6,
      invalid: 2,
      batches: 3,
      distinct: 5,
      syncId: 'run-1',
      bytesRead: 800,
      totalBytes: 800,
    });
  });

  it('keeps the batch size within 1–500', async () => {
    const sizes: number[] = [];
    await runSync({
      source: source(Array.from({ length: 1200 }, (_, i) => ({ line: i + 1, value: cv(`c${i}`) }))),
      publisher: {
        upsertCvs: async (cvs) => {
          sizes.push(cvs.length);
          return 'id';
        },
      },
      syncId: 'run-2',
      batchSize: 10_000,
    });
    expect(sizes).toEqual([500, 500, 200]);
  });
});
