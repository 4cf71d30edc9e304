/** A Danish municipality (kommune) and the jobcentre that serves it. */
export interface Municipality {
  /** Official three-digit municipality code, e.g. 101 København. */
  readonly code: number;
  readonly name: string;
  /** Official region code, 1081–1085. */
  readonly regionCode: number;
  /** Code of the serving jobcentre: the municipality code of its host municipality. */
  readonly jobcentreCode: number;
}

/** One of the five Danish regions. */
export interface Region {
  readonly code: number;
  readonly name: string;
}

/** A jobcentre, identified by its host municipality's code. */
export interface Jobcentre {
  readonly code: number;
  /** The host municipality's name. */
  readonly name: string;
  readonly regionCode: number;
  /** Codes of the municipalities it serves (its own included), ascending. */
  readonly municipalities: readonly number[];
}

export type CooperationId = 'HRS' | 'JRS';

/**
 * How a reply window is counted: 'working-time' counts only working days (Mon–Fri, not
 * holidays; see @rs/working-time), 'clock' counts plain hours.
 */
export type ReplyWindowMode = 'working-time' | 'clock';

/** A recruitment cooperation between jobcentres (R5–R7). */
export interface Cooperation {
  readonly id: CooperationId;
  readonly name: string;
  /** ISO date the cooperation started. */
  readonly established: string;
  /** Member jobcentre codes, ascending. */
  readonly members: readonly number[];
  /** Jobcentre hosting the secretariat; undefined where the source documents name none (JRS). */
  readonly secretariatHost: number | undefined;
  /** R6: every recipient replies within this many hours. */
  readonly replyWindowHours: number;
  /** Default 'working-time' (DESIGN.md: a Friday 15:00 broadcast is due Tuesday 15:00). */
  readonly replyWindowMode: ReplyWindowMode;
  /**
   * Default false: widening the search (R7) is a decision of the lead jobcentre, not a timer,
   * until a cooperation agrees otherwise.
   */
  readonly autoEscalate: boolean;
}

/** Escalation scopes of a broadcast round, narrowest first (R5, R7). */
export type ScopeId = 'cooperation' | 'east-denmark' | 'national';

export interface Scope {
  readonly id: ScopeId;
  readonly description: string;
  /** Regions whose jobcentres are recipients; undefined for 'cooperation' (membership decides). */
  readonly regionCodes: readonly number[] | undefined;
}
