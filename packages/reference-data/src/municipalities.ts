import { MUNICIPALITIES } from './data/municipalities';
import { REGIONS } from './data/regions';
import type { Municipality, Region } from './types';

const byCode = new Map(MUNICIPALITIES.map((m) => [m.code, m]));
const regionByCode = new Map(REGIONS.map((r) => [r.code, r]));

/** The municipality with this code, or undefined if there is none. */
export function municipality(code: number): Municipality | undefined {
  return byCode.get(code);
}

/** All 98 municipalities, in the source's order (by region, then code). */
export function allMunicipalities(): readonly Municipality[] {
  return MUNICIPALITIES;
}

/** The region with this code (1081–1085), or undefined. */
export function region(code: number): Region | undefined {
  return regionByCode.get(code);
}

/** The five regions, ascending by code. */
export function allRegions(): readonly Region[] {
  return REGIONS;
}

/**
 * R1: a company's default lead jobcentre is the one serving the municipality it is located
 * in. Returns the jobcentre code (155 Dragør → 185 Tårnby), or undefined for an unknown
 * municipality code.
 */
export function jobcentreForMunicipality(municipalityCode: number): number | undefined {
  return byCode.get(municipalityCode)?.jobcentreCode;
}
