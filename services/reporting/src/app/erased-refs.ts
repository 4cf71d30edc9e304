import { erasedRef } from '@rs/contracts';
import type { SourceCourse, SourceFollowUp, SourceOrder } from '../domain/from-sources';
import type { Sources } from './ports';

/**
 * The erased markers reporting has seen (cv.erased), and what the rebuild does with them: a
 * service's record still naming an erased candidate (order-intake had not applied the erasure
 * yet, or its records predate it) gives its fact the marker, never the ref — so a rebuild never
 * brings an erased ref back, and its figures equal the live ones (which count under the marker).
 * Only the one-way markers are kept (`erasedRef`), never a ref.
 */
export interface ErasedCandidates {
  /** Remembers the markers (idempotent). */
  mark(markers: readonly string[]): Promise<void>;
  all(): Promise<Set<string>>;
}

/** A follow-up's id is `<orderId>-<jobcentre>-<ref>-w<weeks>` (order-intake's followUpId): the same id with the marker for the ref. */
export function followUpIdWith(id: string, jobcentre: number, ref: string, replacement: string): string | undefined {
  const infix = `-${jobcentre}-${ref}-w`;
  const at = id.lastIndexOf(infix);
  if (at < 0 || !/^\d+$/.test(id.slice(at + infix.length))) return undefined;
  return `${id.slice(0, at)}-${jobcentre}-${replacement}-w${id.slice(at + infix.length)}`;
}

async function* mapped<T>(source: AsyncIterable<T>, map: (item: T) => T): AsyncIterable<T> {
  for await (const item of source) yield map(item);
}

/** The sources as the rebuild reads them: every ref whose marker was erased replaced by that marker. */
export function withoutErased(sources: Sources, erased: ReadonlySet<string>): Sources {
  if (erased.size === 0) return sources;
  const marker = (jobcentre: number, ref: string) => {
    const m = erasedRef(jobcentre, ref);
    return erased.has(m) ? m : undefined;
  };
  const order = (o: SourceOrder): SourceOrder => ({
    ...o,
    hires: o.hires.map((h) => ({ ...h, candidateRef: marker(h.jobcentre, h.candidateRef) ?? h.candidateRef })),
  });
  const followUp = (f: SourceFollowUp): SourceFollowUp => {
    const m = f.candidateRef === undefined ? undefined : marker(f.jobcentre, f.candidateRef);
    if (!m || f.candidateRef === undefined) return f;
    return { ...f, id: followUpIdWith(f.id, f.jobcentre, f.candidateRef, m) ?? f.id, candidateRef: m };
  };
  const course = (c: SourceCourse): SourceCourse => ({
    ...c,
    requests: c.requests.map((r) => ({
      ...r,
      candidates: r.candidates.map((k) => ({ ...k, candidateRef: marker(r.jobcentre, k.candidateRef) ?? k.candidateRef })),
    })),
  });
  return {
    ...sources,
    orders: () => mapped(sources.orders(), order),
    followUps: () => mapped(sources.followUps(), followUp),
    courses: () => mapped(sources.courses(), course),
  };
}
