/**
 * The allocation rule of an upskilling course's seats (issue 18, part 4), pure and deterministic:
 * the same requests give the same result in any order. Documented for jobcentres in
 * docs/upskilling.md; the figures are integers throughout (no floating point decides a seat).
 *
 * 1. If the requests fit (their sum ≤ the seats), everyone gets what it asked for.
 * 2. Otherwise, in priority order — earliest request first, then the lower jobcentre code —
 *    each requesting jobcentre first gets 1 seat, while seats remain (the guaranteed minimum).
 * 3. The seats left are shared in proportion to what is still asked (requested − 1) by the
 *    largest remainder method (Hamilton): each gets the whole part of its quota, and the seats
 *    still left go one each to the largest fractional parts, ties in priority order.
 * 4. Whatever a jobcentre did not get is on the waiting list. A seat freed later goes to the
 *    jobcentre whose request is least fulfilled (smallest allocated ÷ requested), ties in priority
 *    order (`nextInLine`).
 */

export interface Bilingual {
  en: string;
  da: string;
}

export interface SeatDemand {
  jobcentre: number;
  seats: number;
  /** ISO instant of the request (the first one; changing it keeps the place). */
  requestedAt: string;
}

export interface JobcentreShare {
  jobcentre: number;
  requested: number;
  allocated: number;
  waitlisted: number;
  /** How the figure came about, in English and Danish. */
  explanation: Bilingual;
}

export type AllocationRule = 'all-fit' | 'minimum-then-largest-remainder';

export interface AllocationResult {
  rule: AllocationRule;
  /** One per request of at least one seat, ordered by jobcentre code. */
  shares: JobcentreShare[];
}

/** Priority order: earliest request, then the lower code (codes are unique, so the order is total). */
export function byPriority(a: Pick<SeatDemand, 'jobcentre' | 'requestedAt'>, b: Pick<SeatDemand, 'jobcentre' | 'requestedAt'>): number {
  const t = Date.parse(a.requestedAt) - Date.parse(b.requestedAt);
  return t !== 0 ? t : a.jobcentre - b.jobcentre;
}

export function allocate(seats: number, demands: readonly SeatDemand[]): AllocationResult {
  const asking = demands.filter((d) => d.seats > 0).sort(byPriority);
  const total = asking.reduce((sum, d) => sum + d.seats, 0);
  const byCode = (shares: JobcentreShare[]) => shares.sort((a, b) => a.jobcentre - b.jobcentre);

  if (total <= seats) {
    return {
      rule: 'all-fit',
      shares: byCode(
        asking.map((d) => ({
          jobcentre: d.jobcentre,
          requested: d.seats,
          allocated: d.seats,
          waitlisted: 0,
          explanation: {
            en: `All ${total} requested seats fit within the course's ${seats}: you got the ${d.seats} you asked for.`,
            da: `Alle ${total} ønskede pladser kunne rummes inden for kursets ${seats}: I fik de ${d.seats}, I bad om.`,
          },
        })),
      ),
    };
  }

  // 2. The guaranteed minimum, in priority order while seats remain.
  const minimum = asking.map((_, i) => (i < seats ? 1 : 0));
  const left = seats - minimum.reduce<number>((s, m) => s + m, 0);
  // 3. Largest remainder over what is still asked. Quota_i = left × rest_i / restTotal, kept as
  // an integer quotient and remainder so ties are exact.
  const rest = asking.map((d, i) => d.seats - (minimum[i] ?? 0));
  const restTotal = rest.reduce((s, r) => s + r, 0);
  const whole = rest.map((r) => (restTotal === 0 ? 0 : Math.floor((left * r) / restTotal)));
  const remainder = rest.map((r) => (restTotal === 0 ? 0 : (left * r) % restTotal));
  let extraLeft = left - whole.reduce((s, w) => s + w, 0);
  const extra = asking.map(() => 0);
  // Stable sort over the priority order: equal remainders keep priority order.
  const byRemainder = asking.map((_, i) => i).sort((a, b) => (remainder[b] ?? 0) - (remainder[a] ?? 0));
  for (const i of byRemainder) {
    if (extraLeft === 0) break;
    if ((remainder[i] ?? 0) === 0) continue;
    extra[i] = 1;
    extraLeft--;
  }

  const requesters = asking.length;
  const shares = asking.map((d, i) => {
    const m = minimum[i] ?? 0;
    const w = whole[i] ?? 0;
    const e = extra[i] ?? 0;
    const allocated = m + w + e;
    const waitlisted = d.seats - allocated;
    const place = i + 1;
    const start =
      seats < requesters
        ? {
            en: `${total} seats were requested by ${requesters} jobcentres for ${seats} seats, fewer than the requesters: the guaranteed first seat went to the ${seats} earliest requests (yours was number ${place}).`,
            da: `${requesters} jobcentre bad om ${total} pladser til ${seats}, færre end antallet af jobcentre: den sikrede første plads gik til de ${seats} tidligste anmodninger (jeres var nr. ${place}).`,
          }
        : {
            en: `${total} seats were requested for ${seats}. Each of the ${requesters} requesting jobcentres first got 1 seat; the other ${left} were shared in proportion to what was still asked (largest remainder, ties by request time).`,
            da: `Der blev bedt om ${total} pladser til ${seats}. Hvert af de ${requesters} jobcentre fik først 1 plads; de øvrige ${left} blev fordelt i forhold til resten af ønskerne (største brøkdel, lighed afgøres af anmodningstid).`,
          };
    const sum = {
      en: `You asked for ${d.seats}: ${m} + ${w} + ${e} = ${allocated}.`,
      da: `I bad om ${d.seats}: ${m} + ${w} + ${e} = ${allocated}.`,
    };
    const waiting =
      waitlisted > 0
        ? { en: ` You are on the waiting list for ${waitlisted}.`, da: ` I står på venteliste til ${waitlisted}.` }
        : { en: '', da: '' };
    return {
      jobcentre: d.jobcentre,
      requested: d.seats,
      allocated,
      waitlisted,
      explanation: { en: `${start.en} ${sum.en}${waiting.en}`, da: `${start.da} ${sum.da}${waiting.da}` },
    };
  });
  return { rule: 'minimum-then-largest-remainder', shares: byCode(shares) };
}

export interface Standing {
  jobcentre: number;
  requested: number;
  allocated: number;
  requestedAt: string;
}

/**
 * Who gets a freed seat: of the jobcentres still waiting (allocated < requested), the one whose
 * request is least fulfilled (allocated ÷ requested, compared by cross-multiplying), ties in
 * priority order. Undefined when nobody waits.
 */
export function nextInLine(standings: readonly Standing[]): number | undefined {
  const waiting = standings.filter((s) => s.allocated < s.requested);
  waiting.sort((a, b) => a.allocated * b.requested - b.allocated * a.requested || byPriority(a, b));
  return waiting[0]?.jobcentre;
}

/** The waiting list in the order seats would be given, one entry per jobcentre still waiting. */
export function waitingList(standings: readonly Standing[]): number[] {
  const copy = standings.map((s) => ({ ...s }));
  const order: number[] = [];
  for (;;) {
    const next = nextInLine(copy.filter((s) => !order.includes(s.jobcentre)));
    if (next === undefined) return order;
    order.push(next);
  }
}
