import type { Cooperation } from '../types';

/**
 * Copied from reference/cooperations.json; members sorted ascending (the source lists them
 * in no meaningful order). replyWindowMode and autoEscalate are this project's defaults,
 * not part of the source documents.
 */
export const COOPERATIONS: readonly Cooperation[] = [
  {
    id: 'HRS',
    name: 'Hovedstadens Rekrutteringsservice',
    established: '2015-08-01',
    members: [101, 147, 151, 153, 157, 159, 161, 163, 165, 167, 169, 173, 175, 185, 187, 190],
    // Moved from Københavns Erhvervshus to Ballerup in 2025.
    secretariatHost: 151,
    replyWindowHours: 48,
    replyWindowMode: 'working-time',
    autoEscalate: false,
  },
  {
    id: 'JRS',
    name: 'Jobcentrenes Rekrutteringsservice Sjælland',
    established: '2016-02-01',
    members: [253, 259, 265, 269, 306, 316, 320, 326, 329, 330, 336, 340, 350, 360, 370, 376, 390],
    secretariatHost: undefined,
    replyWindowHours: 48,
    replyWindowMode: 'working-time',
    autoEscalate: false,
  },
];
