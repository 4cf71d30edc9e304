import type { Round } from '../../domain/round';
import type { RoundModels } from './round.model';

export interface StoredRound {
  round: Round;
  version: number;
  processed: string[];
}

export async function loadRound(models: RoundModels, id: string): Promise<StoredRound | undefined> {
  const doc = await models.rounds.collection.findOne({ _id: id as never });
  if (!doc) return undefined;
  const { _id, version, processed, seq: _seq, changeTokens: _tokens, cooperation: _cooperation, ...rest } = doc as Record<string, unknown>;
  return { round: { ...(rest as Omit<Round, 'id'>), id: String(_id) }, version: Number(version), processed: (processed as string[]) ?? [] };
}

/** What a round keeps of its order (the lead's cooperation as it was at registration). */
export async function loadOrderOfRound(
  models: RoundModels,
  id: string,
): Promise<(Pick<Round, 'leadJobcentre' | 'order'> & { cooperation: string | null }) | undefined> {
  const doc = await models.rounds.collection.findOne({ _id: id as never }, { projection: { leadJobcentre: 1, cooperation: 1, order: 1 } });
  return doc ? { leadJobcentre: doc.leadJobcentre, cooperation: doc.cooperation ?? null, order: doc.order } : undefined;
}

/** The fields of a round that change with its events. */
export function roundState(round: Round): Record<string, unknown> {
  return {
    status: round.status,
    recipients: round.recipients,
    shortlistsDelivered: round.shortlistsDelivered ?? false,
    ...(round.completedAt ? { completedAt: round.completedAt } : {}),
    ...(round.closedAt ? { closedAt: round.closedAt, closeReason: round.closeReason } : {}),
  };
}
