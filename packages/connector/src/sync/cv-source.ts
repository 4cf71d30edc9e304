import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { extname } from 'node:path';
import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import { csvRowToCv } from './csv-row';

export type CvFormat = 'csv' | 'jsonl';

/** One record of a CV source, before validation: its line (for error messages) and its value or why it could not be read. */
export type CvRecord = { line: number; value: unknown } | { line: number; error: string };

export interface CvSource {
  format: CvFormat;
  records: AsyncIterable<CvRecord>;
  /** Size of the whole source when known (file size, Content-Length), for progress. */
  totalBytes?: number;
  bytesRead(): number;
}

/**
 * Opens CVs in the common template from a file or an http(s) URL: JSON lines (one CV object
 * per line) or CSV (header row with the field names; `;` or `,` separated; lists split by `|`).
 * The format comes from `format`, else the file extension, else the Content-Type.
 */
export async function openCvSource(location: string, format?: CvFormat): Promise<CvSource> {
  if (/^https?:\/\//i.test(location)) return openHttp(location, format);
  const info = await stat(location).catch(() => {
    throw new Error(`cannot read ${location}: no such file`);
  });
  if (!info.isFile()) throw new Error(`cannot read ${location}: not a file`);
  return fromStream(createReadStream(location), format ?? formatOfName(location) ?? 'jsonl', info.size);
}

async function openHttp(url: string, format?: CvFormat): Promise<CvSource> {
  const response = await fetch(url, { headers: { accept: 'application/x-ndjson, text/csv;q=0.9, */*;q=0.1' } }).catch((error: Error) => {
    throw new Error(`cannot fetch ${url}: ${error.cause instanceof Error ? error.cause.message : error.message}`);
  });
  if (!response.ok || !response.body) throw new Error(`cannot fetch ${url}: HTTP ${response.status}`);
  const type = response.headers.get('content-type') ?? '';
  const length = Number(response.headers.get('content-length'));
  const chosen = format ?? formatOfName(new URL(url).pathname) ?? (type.includes('csv') ? 'csv' : 'jsonl');
  return fromStream(Readable.fromWeb(response.body as never), chosen, Number.isFinite(length) && length > 0 ? length : undefined);
}

function formatOfName(name: string): CvFormat | undefined {
  const ext = extname(name).toLowerCase();
  if (ext === '.csv') return 'csv';
  if (['.jsonl', '.ndjson', '.json'].includes(ext)) return 'jsonl';
  return undefined;
}

function fromStream(stream: Readable, format: CvFormat, totalBytes: number | undefined): CvSource {
  let bytes = 0;
  stream.on('data', (chunk: Buffer | string) => {
    bytes += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.length;
  });
  return { format, totalBytes, bytesRead: () => bytes, records: format === 'csv' ? csvRecords(stream) : jsonLines(stream) };
}

async function* jsonLines(stream: Readable): AsyncIterable<CvRecord> {
  let line = 0;
  for await (const text of createInterface({ input: stream, crlfDelay: Number.POSITIVE_INFINITY })) {
    line++;
    if (text.trim() === '') continue;
    try {
      yield { line, value: JSON.parse(text) };
    } catch (error) {
      yield { line, error: `not JSON: ${(error as Error).message}` };
    }
  }
}

async function* csvRecords(stream: Readable): AsyncIterable<CvRecord> {
  const parser = stream.pipe(
    parse({ columns: true, bom: true, delimiter: [';', ','], trim: true, skip_empty_lines: true, relax_column_count: true, info: true }),
  );
  for await (const { record, info } of parser as AsyncIterable<{ record: Record<string, string>; info: { lines: number } }>) {
    yield { line: info.lines, value: csvRowToCv(record) };
  }
}
