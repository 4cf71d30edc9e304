// The embedded copy must match the shared source documents. The shared folder sits beside
// the repository on the development machine only, so this file alone may read it, and skips
// (visibly, by its test name) where it is absent.
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { allCooperations, allMunicipalities, allRegions, recipientsFor } from './index';

const SHARED = resolve(__dirname, '../../../../shared/reference');
const present = existsSync(SHARED);
const describeShared = present ? describe : describe.skip;

interface CsvRow {
  code: number;
  name: string;
  regionCode: number;
  region: string;
  jobcentreCode: number;
}

function readCsv(): CsvRow[] {
  const [header, ...lines] = readFileSync(resolve(SHARED, 'municipalities.csv'), 'utf8').trim().split(/\r?\n/);
  expect(header).toBe('municipality_code,name,region_code,region,jobcentre_code');
  return lines.map((line) => {
    const [code, name, regionCode, region, jobcentreCode] = line.split(',');
    return {
      code: Number(code),
      name: String(name),
      regionCode: Number(regionCode),
      region: String(region),
      jobcentreCode: Number(jobcentreCode),
    };
  });
}

describeShared(`embedded data equals ${present ? SHARED : '/work/shared/reference (SKIPPED: folder not found)'}`, () => {
  it('municipalities equal municipalities.csv', () => {
    const rows = readCsv();
    expect(allMunicipalities()).toEqual(rows.map(({ region: _region, ...m }) => m));
  });

  it('regions equal the distinct regions of municipalities.csv', () => {
    const fromCsv = new Map(readCsv().map((r) => [r.regionCode, r.region]));
    expect(allRegions()).toEqual([...fromCsv].map(([code, name]) => ({ code, name })).sort((a, b) => a.code - b.code));
  });

  it('cooperations equal cooperations.json', () => {
    const source = JSON.parse(readFileSync(resolve(SHARED, 'cooperations.json'), 'utf8')) as {
      cooperations: {
        id: string;
        name: string;
        established: string;
        secretariat_host_jobcentre?: number;
        jobcentres: number[];
        reply_window_hours: number;
      }[];
    };
    expect(
      allCooperations().map((c) => ({
        id: c.id,
        name: c.name,
        established: c.established,
        host: c.secretariatHost,
        members: c.members,
        hours: c.replyWindowHours,
      })),
    ).toEqual(
      source.cooperations.map((c) => ({
        id: c.id,
        name: c.name,
        established: c.established,
        host: c.secretariat_host_jobcentre,
        members: [...c.jobcentres].sort((a, b) => a - b),
        hours: c.reply_window_hours,
      })),
    );
  });

  it('a national round from København reaches every distinct jobcentre of the CSV but the lead', () => {
    const distinct = new Set(readCsv().map((r) => r.jobcentreCode));
    expect(recipientsFor('national', 101)).toHaveLength(distinct.size - 1);
  });
});
