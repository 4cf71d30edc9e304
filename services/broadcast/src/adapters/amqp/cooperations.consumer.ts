import { type Bus, consume, type Logger } from '@rs/bus';
import { SERVICE_QUEUES } from '@rs/contracts';
import { type CooperationDirectory, followCooperation } from '../../app/follow-cooperations';
import type { CooperationStore } from '../../app/ports';

/** cooperation.changed (from reporting): the rounds opened from now on follow the new state. */
export function consumeCooperationChanges(bus: Bus, store: CooperationStore, directory: CooperationDirectory, logger: Logger) {
  return consume(bus, SERVICE_QUEUES.broadcastCooperations, {
    'cooperation.changed': async (data) => {
      const kept = await followCooperation(store, directory, data.cooperation);
      logger.info(
        { cooperation: data.cooperation.id, version: data.cooperation.version, changed: data.changed, kept },
        kept ? 'cooperation changed: new rounds follow it' : 'older or repeated cooperation version ignored',
      );
    },
  });
}
