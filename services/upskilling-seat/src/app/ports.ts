import type { Loaded, OutboxEntry, Saves } from '@rs/db';
import type { Course } from '../domain/course';
import type { CompanyNeed } from '../domain/needs';

/**
 * The stores upskilling-seat's use cases need, implemented by adapters/mongo/*.repository.ts
 * (built in main.ts). Courses are written through the change log: a save or insert commits the
 * state with its outgoing messages and timers and hands them to the relay in one call, and the
 * unique key of each version makes every effect (the allocation above all) happen once even when
 * replicas, redeliveries and timers race — FerretDB's guarded updates alone have several winners.
 */

/** What the service noted of an order it saw. */
export interface SeenOrder {
  orderId: string;
  leadJobcentre: number;
  occupation: string;
  seenAt: Date;
}

export interface SeenOrders {
  /** Records the order once: a redelivery keeps the first record. */
  recordOnce(order: SeenOrder): Promise<void>;
}

/** Which courses a list is for. */
export type CourseAudience = { all: true } | { cooperation: string } | { jobcentre: number };

/** One page of a course list: its status filter, its size, and the last course of the page before. */
export interface CourseListPage {
  status?: 'open' | 'allocated';
  limit: number;
  after?: { windowClosesAt: string; id: string };
}

export interface CourseStore extends Saves<Course> {
  load(id: string): Promise<Loaded<Course> | undefined>;
  /** Inserts a new course with its offers and window timer; false when a course with its id exists. */
  insert(course: Course, outbox: OutboxEntry[]): Promise<boolean>;
  /**
   * The courses an audience sees (a jobcentre: those offered to it), newest window first (then by
   * id), at most `limit`; only those of `status` when given, only those after `after` (a page's last).
   */
  list(audience: CourseAudience, page: CourseListPage): Promise<Course[]>;
  /** The open courses' ids and window closes, which their timers follow from; streamed. */
  windowsOfOpen(): AsyncIterable<{ id: string; windowClosesAt: string }>;
}

export interface NeedStore {
  /** Inserts the need with its messages (through the change log); false when a need with its id exists (a retried create). */
  insert(need: CompanyNeed, outbox: OutboxEntry[]): Promise<boolean>;
  load(id: string): Promise<CompanyNeed | undefined>;
  /** The needs expected in these months (YYYY-MM). */
  expectedIn(months: string[]): Promise<CompanyNeed[]>;
}
