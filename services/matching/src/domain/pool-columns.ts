import type { Candidate } from './candidate';
import { discoCloseness } from './disco';
import { DISTANCE_KM, type DistanceClass, type PreparedQuery, WEIGHTS } from './score';

/**
 * The small-id dictionaries of the index and its per-slot columns: strings that repeat (occupation
 * codes, where a CV lives, home jobcentres, skill phrases) become small ids, and the
 * query-dependent part of scoring becomes a table per query over those ids (tablesFor) instead
 * of string comparisons per CV.
 */
export interface PoolColumns {
  /** Home jobcentre id (jobcentreCode turns it back). */
  jc: Int32Array;
  /** Where the CV lives: id of (municipality, region, home jobcentre). */
  place: Int32Array;
  skillId(phrase: string): number;
  skillName(id: number): string;
  write(slot: number, c: Candidate): void;
  codeId(code: string): number;
  codeName(id: number): string;
  jobcentreId(code: number): number;
  jobcentreCount(): number;
  jobcentreCode(id: number): number;
  tablesFor(q: PreparedQuery, allowed?: ReadonlySet<number>): QueryTables;
}

/** One query's view of the ids: closeness per occupation code, distance per place, jobcentres allowed. */
export interface QueryTables {
  /** DISCO-08 closeness (0–4) of each occupation code to the query's. */
  codeLevel: Uint8Array;
  /** Estimated km to the job, per place (held against a CV's commuting limit). */
  placeKm: Float64Array;
  /** Distance points per place, when within the CV's limit. */
  placePoints: Int32Array;
  /** How each place relates to the job (index into DISTANCE_CLASSES): for the reasons. */
  placeClass: Uint8Array;
  allowedJc: Uint8Array | undefined;
  /** Per skill id: 0 not looked at yet, 1 not in the query's text, 2 in it (filled as ranking meets them). */
  skillMemo: Uint8Array;
}

export const DISTANCE_CLASSES: readonly DistanceClass[] = ['municipality', 'region', 'cooperation', 'further'];

const DISTANCE_POINTS: Record<DistanceClass, number> = {
  municipality: WEIGHTS.sameMunicipality,
  region: WEIGHTS.sameRegion,
  cooperation: WEIGHTS.sameCooperation,
  further: 0,
};

/** A small-id dictionary that only grows (the distinct values are few: codes, places, jobcentres). */
function ids<T>() {
  const of = new Map<T, number>();
  const values: T[] = [];
  return {
    values,
    id(value: T): number {
      let id = of.get(value);
      if (id === undefined) {
        id = values.length;
        of.set(value, id);
        values.push(value);
      }
      return id;
    },
  };
}

interface Place {
  municipality: number;
  regionCode: number | undefined;
  homeJobcentre: number;
}

export function poolColumns(): PoolColumns {
  const codes = ids<string>();
  const skills = ids<string>();
  const jobcentres = ids<number>();
  const placeIds = ids<string>();
  const places: Place[] = [];
  let capacity = 0;

  const cols = {
    jc: new Int32Array(0),
    place: new Int32Array(0),
  };
  type Column = (typeof cols)[keyof typeof cols];
  // Taken before the methods are added to the same object.
  const names = Object.keys(cols) as (keyof typeof cols)[];
  const grow = (need: number) => {
    if (need <= capacity) return;
    capacity = Math.max(1024, capacity * 2, need);
    for (const name of names) {
      const old: Column = cols[name];
      const next = new (old.constructor as new (n: number) => Column)(capacity);
      next.set(old as never);
      (cols as Record<string, Column>)[name] = next;
    }
  };

  const placeOf = (c: Candidate): number => {
    const id = placeIds.id(`${c.municipality}|${c.regionCode ?? ''}|${c.homeJobcentre}`);
    if (id === places.length) places.push({ municipality: c.municipality, regionCode: c.regionCode, homeJobcentre: c.homeJobcentre });
    return id;
  };

  return Object.assign(cols, {
    write(slot: number, c: Candidate) {
      grow(slot + 1);
      cols.jc[slot] = jobcentres.id(c.jobcentre);
      cols.place[slot] = placeOf(c);
    },
    skillId: (phrase: string) => skills.id(phrase),
    skillName: (id: number) => skills.values[id]!,
    codeId: (code: string) => codes.id(code),
    codeName: (id: number) => codes.values[id]!,
    jobcentreId: (code: number) => jobcentres.id(code),
    jobcentreCount: () => jobcentres.values.length,
    jobcentreCode: (id: number) => jobcentres.values[id]!,
    tablesFor(q: PreparedQuery, allowed?: ReadonlySet<number>): QueryTables {
      const codeLevel = new Uint8Array(codes.values.length);
      for (let i = 0; i < codes.values.length; i++) codeLevel[i] = discoCloseness(codes.values[i]!, q.occupation);
      const placeKm = new Float64Array(places.length);
      const placePoints = new Int32Array(places.length);
      const placeClass = new Uint8Array(places.length);
      for (let i = 0; i < places.length; i++) {
        const p = places[i]!;
        // The same order of tests as score.ts's breakdown.
        const distance: DistanceClass =
          p.municipality === q.municipality
            ? 'municipality'
            : p.regionCode !== undefined && p.regionCode === q.regionCode
              ? 'region'
              : q.cooperationMembers.has(p.homeJobcentre)
                ? 'cooperation'
                : 'further';
        placeKm[i] = DISTANCE_KM[distance];
        placePoints[i] = DISTANCE_POINTS[distance];
        placeClass[i] = DISTANCE_CLASSES.indexOf(distance);
      }
      let allowedJc: Uint8Array | undefined;
      if (allowed) {
        allowedJc = new Uint8Array(jobcentres.values.length);
        for (let i = 0; i < jobcentres.values.length; i++) allowedJc[i] = allowed.has(jobcentres.values[i]!) ? 1 : 0;
      }
      return { codeLevel, placeKm, placePoints, placeClass, allowedJc, skillMemo: new Uint8Array(skills.values.length) };
    },
  });
}
