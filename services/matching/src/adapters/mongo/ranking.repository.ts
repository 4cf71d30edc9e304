import { createStore, type Handoff } from '@rs/db';
import type { RankingStore } from '../../app/ports';
import type { MatchingModels } from './pool.model';

/** Rankings in MongoDB, inserted through the change log with their order.shortlisted event. */
export function rankingRepository(models: Pick<MatchingModels, 'rankings'>, relay: Handoff): RankingStore {
  const store = createStore(models.rankings, relay);
  return {
    async exists(id) {
      return (await models.rankings.exists({ _id: id })) !== null;
    },
    insert({ id, ...ranking }, outbox) {
      return store.insert({ _id: id, ...ranking }, outbox);
    },
  };
}
