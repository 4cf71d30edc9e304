import type { CvVisibility } from '@rs/contracts';

/**
 * Whether the pool may show a CV. Only the home jobcentre's connector knows, so the answer is
 * yes only when it said searchable and nothing it said speaks against it; when in doubt
 * (no visibility given, consent missing or refused, address protection) not visible.
 */
export function isVisible(visibility: CvVisibility | undefined): boolean {
  if (!visibility || visibility.searchable !== true) return false;
  if (visibility.addressProtected === true) return false;
  if (visibility.activelySeeking === false) return false;
  if (visibility.consent === 'missing' || visibility.consent === 'refused') return false;
  return true;
}

/** A CV not updated for `days` days is stale (its jobcentre is asked to update it). */
export function isStale(revisionMs: number, now: Date, days: number): boolean {
  return now.getTime() - revisionMs > days * 86_400_000;
}
