import type { Fact } from '../domain/facts';
import {
  factsOfAgreement,
  factsOfCourse,
  factsOfFollowUp,
  factsOfGoals,
  factsOfNeed,
  factsOfOrder,
  factsOfRound,
} from '../domain/from-sources';
import { type ErasedCandidates, withoutErased } from './erased-refs';
import type { FactStore, Sources } from './ports';

/** Every fact the services' own records hold. */
export async function factsOfSources(sources: Sources): Promise<Fact[]> {
  const facts: Fact[] = [];
  const registeredAt = new Map<string, string>();
  for await (const order of sources.orders()) {
    registeredAt.set(order.id, order.registeredAt);
    facts.push(...factsOfOrder(order));
  }
  for await (const goals of sources.serviceGoals()) {
    const at = registeredAt.get(goals.orderId);
    if (at) facts.push(...factsOfGoals(goals, at));
  }
  for await (const round of sources.rounds()) facts.push(...factsOfRound(round));
  for await (const followUp of sources.followUps()) facts.push(...factsOfFollowUp(followUp));
  for await (const agreement of sources.agreements()) facts.push(...factsOfAgreement(agreement));
  for await (const course of sources.courses()) facts.push(...factsOfCourse(course));
  for await (const need of sources.needs()) facts.push(...factsOfNeed(need));
  return facts;
}

/**
 * Recomputes the read model from the services' own records (the figures come out as the events
 * left them). A ref reporting saw erased is read as its marker, whatever a source still holds.
 */
export async function rebuild(
  store: FactStore,
  sources: Sources,
  erased?: Pick<ErasedCandidates, 'all'>,
): Promise<{ facts: number; inserted: number; removed: number }> {
  const facts = await factsOfSources(erased ? withoutErased(sources, await erased.all()) : sources);
  return { facts: facts.length, ...(await store.replaceWith(facts)) };
}
