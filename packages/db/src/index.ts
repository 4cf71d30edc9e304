export * from './connect';
export * from './outbox';
export * from './aggregate-store';
export * from './relay';
