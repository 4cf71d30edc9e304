import type { Bus } from '@rs/bus';
import type { SeatRequest } from '@rs/contracts';
import { publishAsJobcentre } from '../cv-publisher';

/** What a jobcentre sends to upskilling-seat about a course. Each resolves with the envelope id once the broker confirmed it. */
export interface SeatRequests {
  /**
   * Asks for seats (replacing an earlier request until the window closes; after it, only fewer
   * seats are accepted). The answer comes on the jobcentre's queue: seat.request-recorded, or
   * seat.request-refused with the reason (e.g. over the budget ceiling, with the figures).
   * Without `candidates` the candidates named before are kept; `[]` names none.
   */
  request(request: { courseId: string; seats: number; candidates?: string[] }): Promise<string>;
  /** Withdraws the request (after allocation: gives back every seat). */
  withdraw(courseId: string): Promise<string>;
}

/**
 * Seat requests as this jobcentre, on the connector's own connection (`connector.bus`) or any bus
 * logged in as the jobcentre's broker user: the broker checks the user_id, so the sender is proven.
 */
export function seatRequests(connection: { bus: Bus; jobcentre: number }, now: () => Date = () => new Date()): SeatRequests {
  const { bus, jobcentre } = connection;
  return {
    // No `candidates` keeps those named before; [] names none.
    request: ({ courseId, seats, candidates }) => {
      const data: SeatRequest = { courseId, seats, ...(candidates ? { candidates } : {}) };
      return publishAsJobcentre(bus, jobcentre, 'seat.request', data, now(), { subject: courseId });
    },
    withdraw: (courseId) => publishAsJobcentre(bus, jobcentre, 'seat.withdraw', { courseId }, now(), { subject: courseId }),
  };
}
