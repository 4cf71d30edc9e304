import { SharedCv } from '@rs/contracts';
import type { CvPublisher } from '../cv-publisher';
import type { CvSource } from './cv-source';

export interface SyncProgress {
  /** Records read so far (valid and invalid). */
  read: number;
  /** CVs the broker confirmed. */
  sent: number;
  invalid: number;
  bytesRead: number;
  totalBytes?: number;
}

export interface SyncSummary extends SyncProgress {
  syncId: string;
  batches: number;
  ms: number;
  /** Distinct candidates sent (a ref twice in a file is one CV in the pool). */
  distinct: number;
}

export interface SyncOptions {
  source: CvSource;
  publisher: Pick<CvPublisher, 'upsertCvs'>;
  syncId: string;
  /** CVs per message, 1–500. Default 500. */
  batchSize?: number;
  onProgress?: (progress: SyncProgress) => void;
  /** A record that is not a valid CV: it is skipped, never sent half-filled. */
  onInvalid?: (line: number, problem: string) => void;
}

/**
 * Sends every valid CV of a source to the pool in confirmed batches, reporting progress after
 * each batch. Invalid records are reported with their line and field and skipped; the rest
 * goes on. Safe to run again: the pool keeps the newest revision of each CV.
 */
export async function runSync(options: SyncOptions): Promise<SyncSummary> {
  const started = Date.now();
  const size = Math.min(500, Math.max(1, options.batchSize ?? 500));
  const progress: SyncProgress = { read: 0, sent: 0, invalid: 0, bytesRead: 0, totalBytes: options.source.totalBytes };
  let batch: SharedCv[] = [];
  let batches = 0;
  const refs = new Set<string>();
  const flush = async () => {
    if (batch.length === 0) return;
    await options.publisher.upsertCvs(batch, options.syncId);
    progress.sent += batch.length;
    batches++;
    batch = [];
    progress.bytesRead = options.source.bytesRead();
    options.onProgress?.({ ...progress });
  };
  for await (const record of options.source.records) {
    progress.read++;
    if ('error' in record) {
      progress.invalid++;
      options.onInvalid?.(record.line, record.error);
      continue;
    }
    const parsed = SharedCv.safeParse(record.value);
    if (!parsed.success) {
      progress.invalid++;
      options.onInvalid?.(record.line, parsed.error.issues.map((i) => `${i.path.join('.') || '(record)'}: ${i.message}`).join('; '));
      continue;
    }
    batch.push(parsed.data);
    refs.add(parsed.data.candidateRef);
    if (batch.length >= size) await flush();
  }
  await flush();
  progress.bytesRead = options.source.bytesRead();
  return { ...progress, syncId: options.syncId, batches, ms: Date.now() - started, distinct: refs.size };
}
