import type { CompanyNeed } from '../domain/needs';
import type { UpskillingDeps } from './deps';

/** Records a company's coming need once (a retried create with the same id answers the first). */
export async function recordNeed(deps: Pick<UpskillingDeps, 'needs'>, need: CompanyNeed): Promise<{ need: CompanyNeed; created: boolean }> {
  if (await deps.needs.insert(need)) return { need, created: true };
  const existing = await deps.needs.load(need.id);
  if (!existing) throw new Error(`need ${need.id} neither inserted nor found`);
  return { need: existing, created: false };
}
