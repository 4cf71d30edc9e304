import { createHash } from 'node:crypto';
import type { OrderBroadcast, RoundReply, SharedCv, ShortlistCandidate } from '@rs/contracts';
import { jobcentre } from '@rs/reference-data';

/** Deterministic pseudo-random number in [0, 1) from a string, so demo runs are repeatable. */
export function unitHash(text: string): number {
  return createHash('sha256').update(text).digest().readUInt32BE(0) / 2 ** 32;
}

export interface DemoBehaviour {
  /** Share of broadcasts left unanswered (they turn overdue). Default 0.1. */
  silentShare: number;
  /** Share answered "none". Default 0.3. */
  noneShare: number;
  minDelayMs: number;
  maxDelayMs: number;
}

/** What a demo jobcentre answers and after how long; undefined = stays silent. */
export function demoAnswer(order: OrderBroadcast, behaviour: DemoBehaviour): { reply: RoundReply; delayMs: number } | undefined {
  return demoTiming(order, behaviour);
}

/**
 * The demo consultant's reply once the delay has passed: from matching's suggestions when there
 * are any (the broadcast's own, or a round.shortlist that came later), else invented candidates.
 */
export function demoReply(planned: RoundReply, shortlist: readonly ShortlistCandidate[] | undefined): RoundReply {
  if (planned.answer === 'none' || !shortlist?.length) return planned;
  const candidates = shortlist.slice(0, planned.candidates.length).map((c) => ({
    candidateRef: c.candidateRef,
    summary: `${c.headline} (${c.reasons.map((r) => r.da).join('; ')})`.slice(0, 2000),
    ...(c.availableFrom ? { availableFrom: c.availableFrom } : {}),
    note: 'Foreslået af matching, gennemset af demo-konsulent',
  }));
  return { ...planned, candidates };
}

/** Demo CVs for the pool: the same every run (fixed revision), so a restart changes nothing. */
export function demoCvs(code: number, count: number): SharedCv[] {
  const homes = jobcentre(code)?.municipalities ?? [code];
  return Array.from({ length: count }, (_, i) => {
    const occupation = DEMO_OCCUPATIONS[Math.floor(unitHash(`occ/${code}/${i}`) * DEMO_OCCUPATIONS.length)]!;
    const day = 1 + Math.floor(unitHash(`avail/${code}/${i}`) * 28);
    return {
      candidateRef: `c-${code}-${String(i).padStart(4, '0')}`,
      revision: '2026-01-01T00:00:00.000Z',
      headline: occupation.headline,
      occupations: [occupation.code],
      skills: occupation.skills.filter((_, k) => unitHash(`skill/${code}/${i}/${k}`) < 0.6),
      languages: unitHash(`lang/${code}/${i}`) < 0.5 ? ['da', 'en'] : ['da'],
      municipality: homes[Math.floor(unitHash(`home/${code}/${i}`) * homes.length)]!,
      availableFrom: `2026-12-${String(day).padStart(2, '0')}`,
      drivingLicence: unitHash(`licence/${code}/${i}`) < 0.7,
      // Demo candidates are searchable: the demo jobcentre's connector marks them so (issue 17: unmarked CVs are never shown).
      visibility: { searchable: true },
      summary: `${occupation.headline}, ${1 + Math.floor(unitHash(`years/${code}/${i}`) * 15)} års erfaring`,
    };
  });
}

const DEMO_OCCUPATIONS = [
  { code: '5321', headline: 'Social- og sundhedsassistent', skills: ['medicingivning', 'demens', 'dagvagter'] },
  { code: '5322', headline: 'Social- og sundhedshjælper', skills: ['hjemmepleje', 'personlig pleje'] },
  { code: '8332', headline: 'Lastbilchauffør', skills: ['kørekort CE', 'ADR'] },
  { code: '7115', headline: 'Tømrer', skills: ['tagarbejde', 'stillads'] },
  { code: '3512', headline: 'IT-supporter', skills: ['Windows', 'netværk'] },
  { code: '5120', headline: 'Kok', skills: ['storkøkken', 'hygiejnecertifikat'] },
  { code: '9321', headline: 'Lagerarbejder', skills: ['truckcertifikat', 'pluk'] },
  { code: '7411', headline: 'Elektriker', skills: ['autorisation', 'installation'] },
];

function demoTiming(order: OrderBroadcast, behaviour: DemoBehaviour): { reply: RoundReply; delayMs: number } | undefined {
  const roll = unitHash(`${order.roundId}/${order.recipient}`);
  if (roll < behaviour.silentShare) return undefined;
  const delayMs = Math.round(
    behaviour.minDelayMs + unitHash(`delay/${order.roundId}/${order.recipient}`) * (behaviour.maxDelayMs - behaviour.minDelayMs),
  );
  const base = { roundId: order.roundId, orderId: order.orderId };
  if (roll < behaviour.silentShare + behaviour.noneShare) return { reply: { ...base, answer: 'none', candidates: [] }, delayMs };
  const count = 1 + Math.floor(unitHash(`count/${order.roundId}/${order.recipient}`) * 3);
  // Without suggestions from matching the demo consultant names people from its own system for
  // the job asked for (a consultant does not offer a carpenter for a warehouse job).
  const job = DEMO_OCCUPATIONS.find((o) => o.code === order.order.occupation)?.headline ?? order.order.title;
  const candidates = Array.from({ length: count }, (_, i) => {
    const years = 1 + Math.floor(unitHash(`years/${order.roundId}/${order.recipient}/${i}`) * 12);
    const ref = `c-${order.recipient}-${Math.floor(unitHash(`ref/${order.roundId}/${order.recipient}/${i}`) * 1e6)}`;
    return {
      candidateRef: ref,
      summary: `${job}, ${years} års erfaring, kan starte med kort varsel`.slice(0, 2000),
      note: 'Demo-kandidat',
    };
  });
  return { reply: { ...base, answer: 'candidates', candidates }, delayMs };
}
