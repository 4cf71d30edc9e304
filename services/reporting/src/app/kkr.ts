import { type CooperationsNow, cooperationById, cooperationIdOf, cooperationsAt, membersOf, membersOn } from '@rs/contracts';
import { allJobcentres, jobcentre as jobcentreById } from '@rs/reference-data';
import type { Actor } from '../domain/access';
import type { Fact } from '../domain/facts';
import { report } from '../domain/figures';
import { type Evidence, type Recommendation, type SchemeRow, type StatusEntry, scheme } from '../domain/kkr';
import { parsePeriod } from '../domain/period';
import type { ReportingDeps } from './deps';

export interface KkrStore {
  /** Adds the seed recommendations that are not there yet (idempotent). */
  seed(): Promise<void>;
  recommendations(): Promise<Recommendation[]>;
  statuses(year: number, municipality?: number): Promise<StatusEntry[]>;
  add(entry: StatusEntry): Promise<void>;
}

export interface KkrDeps extends ReportingDeps {
  kkr: KkrStore;
}

/** A municipality's own consultants, its cooperation's secretariat and admins read its scheme. */
export function mayReadScheme(actor: Actor, municipality: number, cooperations: CooperationsNow): boolean {
  if (actor.role === 'admin') return true;
  if (actor.role === 'jobcentre') return actor.jobcentre === municipality;
  if (actor.role === 'secretariat') return cooperationIdOf(cooperations, municipality) === actor.cooperation;
  return false;
}

/** Only the municipality itself (and an admin) marks its status. */
export const mayMarkScheme = (actor: Actor, municipality: number): boolean =>
  actor.role === 'admin' || (actor.role === 'jobcentre' && actor.jobcentre === municipality);

export const isMunicipality = (code: number): boolean => jobcentreById(code) !== undefined;
export const nameOf = (code: number): string => jobcentreById(code)?.name ?? String(code);

type FactsOf = (cooperation: string) => Promise<Fact[]>;

async function evidenceOf(
  deps: KkrDeps,
  municipality: number,
  year: number,
  factsOf: FactsOf = (c) => deps.facts.ofCooperation(c),
): Promise<Evidence> {
  const cooperations = cooperationsAt(deps.cooperations(), deps.now());
  const id = cooperationIdOf(cooperations, municipality);
  const coop = id === undefined ? undefined : cooperationById(cooperations.view, id);
  if (!coop) return { cooperation: null, replyInTimeRate: null, dialogueCompliance: null };
  const figures = report(await factsOf(coop.id), {
    cooperation: coop.id,
    period: parsePeriod(String(year))!,
    members: membersOn(coop, cooperations.day),
    jobcentre: municipality,
    thresholds: deps.thresholds,
    cooperationOf: (j) => cooperationIdOf(cooperations, j),
  }).figures;
  return {
    cooperation: coop.id,
    replyInTimeRate: figures.replies.inTimeRate,
    dialogueCompliance: figures.serviceGoals.dialogue.compliance,
  };
}

export async function schemeOf(deps: KkrDeps, municipality: number, year: number): Promise<SchemeRow[]> {
  const [recommendations, entries, evidence] = await Promise.all([
    deps.kkr.recommendations(),
    deps.kkr.statuses(year, municipality),
    evidenceOf(deps, municipality, year),
  ]);
  return scheme(year, recommendations, entries, evidence, deps.thresholds.replyInTimeRate);
}

/** The municipalities an actor may collect: an admin all, a secretariat its members (optionally one cooperation). */
export function collectable(actor: Actor, cooperations: CooperationsNow, cooperation?: string): number[] | undefined {
  const members = (id: string) => membersOf(cooperations, id);
  if (actor.role === 'admin') return cooperation ? members(cooperation) : allJobcentres().map((j) => j.code);
  if (actor.role === 'secretariat' && (!cooperation || cooperation === actor.cooperation)) return members(actor.cooperation);
  return undefined;
}

export async function overview(deps: KkrDeps, municipalities: readonly number[], year: number) {
  const [recommendations, entries] = await Promise.all([deps.kkr.recommendations(), deps.kkr.statuses(year)]);
  // One read of a cooperation's facts for all its members, not one per municipality.
  const loaded = new Map<string, Promise<Fact[]>>();
  const factsOf: FactsOf = (c) => {
    if (!loaded.has(c)) loaded.set(c, deps.facts.ofCooperation(c));
    return loaded.get(c)!;
  };
  // Each scheme carries its municipality, so no reader pairs schemes with codes by position.
  const result: Array<{ municipality: number; name: string; rows: SchemeRow[] }> = [];
  for (const m of [...municipalities].sort((a, b) => a - b)) {
    const evidence = await evidenceOf(deps, m, year, factsOf);
    result.push({
      municipality: m,
      name: nameOf(m),
      rows: scheme(
        year,
        recommendations,
        entries.filter((e) => e.municipality === m),
        evidence,
        deps.thresholds.replyInTimeRate,
      ),
    });
  }
  return result;
}
