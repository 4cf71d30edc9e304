export * from './connect';
export * from './outbox';
export * from './packed';
export * from './aggregate-store';
export * from './store';
export * from './decide-and-save';
export * from './relay';
export * from './erased-markers';
