/**
 * Thrown by a handler for a message that can never succeed (wrong sender, unknown round...).
 * The consumer dead-letters it with this message as the reason and goes on; it is not retried.
 */
export class InvalidMessageError extends Error {
  constructor(
    message: string,
    readonly reason = 'invalid',
  ) {
    super(message);
    this.name = 'InvalidMessageError';
  }
}

/**
 * The broker confirmed a `mandatory` message but could not route it: no queue is bound for its
 * routing key. The publish is treated as failed, so an outbox keeps the message and a caller sees it.
 */
export class UnroutableError extends Error {
  constructor(
    readonly exchange: string,
    readonly routingKey: string,
  ) {
    super(`no queue is bound for ${routingKey} on ${exchange}: the message was returned, not delivered`);
    this.name = 'UnroutableError';
  }
}
