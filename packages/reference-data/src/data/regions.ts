import type { Region } from '../types';

/** The five Danish regions (official codes), copied from reference/municipalities.csv. */
export const REGIONS: readonly Region[] = [
  { code: 1081, name: 'Nordjylland' },
  { code: 1082, name: 'Midtjylland' },
  { code: 1083, name: 'Syddanmark' },
  { code: 1084, name: 'Hovedstaden' },
  { code: 1085, name: 'Sjælland' },
];
