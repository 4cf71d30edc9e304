import { createStore, type Handoff } from '@rs/db';
import type { RoundStore } from '../../app/ports';
import type { Round } from '../../domain/round';
import type { RoundModels } from './round.model';

/** Rounds in MongoDB, written through the change log (see @rs/db createStore). */
export function roundRepository(models: Pick<RoundModels, 'rounds'>, relay: Handoff): RoundStore {
  const model = models.rounds;
  const store = createStore(model, relay);
  const ids = async (filter: Record<string, unknown>) =>
    (await model.collection.find(filter, { projection: { _id: 1 } }).toArray()).map((d) => String(d._id));
  return {
    async load(id) {
      const found = await store.load(id);
      return found && { state: toRound(found.doc), revision: found.revision };
    },
    save(id, write) {
      return store.save(id, {
        revision: write.revision,
        set: roundState(write.state),
        outbox: write.outbox,
        ...(write.processedId ? { processedId: write.processedId } : {}),
      });
    },
    insert(round, keeps, outbox) {
      const { id, ...fields } = round;
      return store.insert({ _id: id, seq: keeps.seq, cooperation: keeps.cooperation, ...fields }, outbox);
    },
    async exists(id) {
      return (await model.exists({ _id: id })) !== null;
    },
    async orderOf(id) {
      const doc = await model.collection.findOne(
        { _id: id as never },
        { projection: { leadJobcentre: 1, leadSince: 1, cooperation: 1, order: 1, silenceMeansNone: 1 } },
      );
      return doc
        ? {
            leadJobcentre: doc.leadJobcentre,
            cooperation: doc.cooperation ?? null,
            order: doc.order,
            ...(doc.silenceMeansNone ? { silenceMeansNone: true } : {}),
            ...(doc.leadSince ? { leadSince: doc.leadSince } : {}),
          }
        : undefined;
    },
    async *idsWithStatus(status) {
      for await (const doc of model.collection.find({ status }, { projection: { _id: 1 } })) yield String(doc._id);
    },
    async *timesOfOpen() {
      const open = model.collection.find({ status: 'open' }, { projection: { _id: 1, openedAt: 1, deadline: 1 } });
      for await (const doc of open) yield { id: String(doc._id), openedAt: String(doc.openedAt), deadline: String(doc.deadline) };
    },
    idsOfOrder(orderId, options = {}) {
      return ids({ orderId, ...(options.notClosed ? { status: { $ne: 'closed' } } : {}) });
    },
    countOpen(orderId) {
      return model.collection.countDocuments({ orderId, status: 'open' });
    },
    // A path query: FerretDB refuses $elemMatch with field conditions.
    idsHoldingCandidate(candidateRef) {
      return ids({ status: { $ne: 'closed' }, 'recipients.candidates.candidateRef': candidateRef });
    },
    async openFor(jobcentre) {
      const rounds: Round[] = [];
      for (const id of await ids({ status: 'open', 'recipients.jobcentre': jobcentre })) {
        const found = await store.load(id);
        if (found) rounds.push(toRound(found.doc));
      }
      return rounds;
    },
    async openedBetween(from, to) {
      const rounds: Round[] = [];
      for (const id of await ids({ openedAt: { $gte: from, $lt: to } })) {
        const found = await store.load(id);
        if (found) rounds.push(toRound(found.doc));
      }
      return rounds;
    },
  };
}

/** The round in a stored document: what the document keeps besides it (seq, cooperation) left out. */
function toRound(doc: Record<string, unknown>): Round {
  const { _id, seq: _seq, cooperation: _cooperation, ...rest } = doc;
  return { ...(rest as Omit<Round, 'id'>), id: String(_id) };
}

/** The fields of a round that change with its events. */
function roundState(round: Round): Record<string, unknown> {
  return {
    status: round.status,
    leadJobcentre: round.leadJobcentre,
    ...(round.leadSince ? { leadSince: round.leadSince } : {}),
    recipients: round.recipients,
    shortlistsDelivered: round.shortlistsDelivered ?? false,
    ...(round.shortlistVersion ? { shortlistVersion: round.shortlistVersion } : {}),
    ...(round.completedAt ? { completedAt: round.completedAt } : {}),
    ...(round.closedAt ? { closedAt: round.closedAt, closeReason: round.closeReason } : {}),
  };
}
