export * from './connect';
export * from './outbox';
export * from './packed';
export * from './aggregate-store';
export * from './relay';
