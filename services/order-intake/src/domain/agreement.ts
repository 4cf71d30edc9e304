/** A period of days (ISO dates, both ends included); an open end runs until further notice. */
export interface Period {
  from: string;
  to?: string | undefined;
}

/** Why a period is refused; undefined when it is fine. ISO dates compare as strings. */
export function periodRefusal(period: Period): string | undefined {
  if (period.to !== undefined && period.to < period.from) {
    return 'body.period.to: the period ends before it starts / perioden slutter før den begynder';
  }
  return undefined;
}

export function inPeriod(period: Period, day: string): boolean {
  return period.from <= day && (period.to === undefined || day <= period.to);
}

/** Special terms of a recruitment agreement. */
export interface AgreementTerms {
  /**
   * "Jobcentres without qualified candidates need not reply" (R6's "unless agreed otherwise"):
   * a recipient's silence at a round's deadline counts as "no qualified candidates", not overdue.
   */
  silenceMeansNone: boolean;
  /** Anything else agreed, in the agreement's own words. */
  other: string;
}

/** A recruitment agreement (rekrutteringsaftale) with a company, kept by its lead jobcentre. */
export interface RecruitmentAgreement {
  id: string;
  companyId: string;
  leadJobcentre: number;
  cooperation: string | null;
  period: Period;
  expectedHires: number;
  terms: AgreementTerms;
  createdAt: string;
  createdBy: string;
}

/** Whether the company's agreements in force on that day let silence count as "none" for its orders. */
export function silenceMeansNoneOn(agreements: readonly RecruitmentAgreement[], day: string): boolean {
  return agreements.some((a) => a.terms.silenceMeansNone && inPeriod(a.period, day));
}

/** An agreement with an unemployment fund (a-kasse) about cooperation with a cooperation of jobcentres (R11). */
export interface FundAgreement {
  id: string;
  /** The fund's name, e.g. "3F A-kasse". */
  fund: string;
  cooperation: string;
  period: Period;
  contact: { name: string; email?: string | undefined; phone?: string | undefined };
  notes: string;
  createdAt: string;
  createdBy: string;
}
