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
