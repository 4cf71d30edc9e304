export * from './connector';
export * from './seen-ids';
export * from './demo-pool';
export * from './catch-up';
