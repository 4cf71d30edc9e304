import { createHash } from 'node:crypto';
import type { OrderBroadcast, RoundReply } from '@rs/contracts';

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

const SKILLS = [
  'truckkørekort C/CE',
  'SOSU-assistent',
  'tømrer',
  'IT-supporter',
  'kok',
  'lagerarbejder',
  'pædagogmedhjælper',
  'elektriker',
];

/** What a demo jobcentre answers and after how long; undefined = stays silent. */
export function demoAnswer(order: OrderBroadcast, behaviour: DemoBehaviour): { reply: RoundReply; delayMs: number } | undefined {
  const roll = unitHash(`${order.roundId}/${order.recipient}`);
  if (roll < behaviour.silentShare) return undefined;
  const delayMs = Math.round(
    behaviour.minDelayMs + unitHash(`delay/${order.roundId}/${order.recipient}`) * (behaviour.maxDelayMs - behaviour.minDelayMs),
  );
  const base = { roundId: order.roundId, orderId: order.orderId };
  if (roll < behaviour.silentShare + behaviour.noneShare) return { reply: { ...base, answer: 'none', candidates: [] }, delayMs };
  const count = 1 + Math.floor(unitHash(`count/${order.roundId}/${order.recipient}`) * 3);
  const candidates = Array.from({ length: count }, (_, i) => {
    const skill = SKILLS[Math.floor(unitHash(`skill/${order.roundId}/${order.recipient}/${i}`) * SKILLS.length)] ?? 'ufaglært';
    const ref = `c-${order.recipient}-${Math.floor(unitHash(`ref/${order.roundId}/${order.recipient}/${i}`) * 1e6)}`;
    return { candidateRef: ref, summary: `${skill}, kan starte med kort varsel`, note: 'Demo-kandidat' };
  });
  return { reply: { ...base, answer: 'candidates', candidates }, delayMs };
}
