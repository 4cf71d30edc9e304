import type { CompanyNeed } from '../domain/needs';
import type { UpskillingDeps } from './deps';
import { needRecorded } from './reported-events';

/**
 * Records a company's coming need once (a retried create with the same id answers the first),
 * with its need.recorded event for reporting in the same write.
 */
export async function recordNeed(
  deps: Pick<UpskillingDeps, 'needs' | 'now' | 'newId'>,
  need: CompanyNeed,
): Promise<{ need: CompanyNeed; created: boolean }> {
  if (await deps.needs.insert(need, [needRecorded(deps, need)])) return { need, created: true };
  const existing = await deps.needs.load(need.id);
  if (!existing) throw new Error(`need ${need.id} neither inserted nor found`);
  return { need: existing, created: false };
}
