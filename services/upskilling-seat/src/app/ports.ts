/** The stores upskilling-seat's use cases need, implemented by adapters/mongo/*.repository.ts (built in main.ts). */

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
