export * from './timer-id';
export * from './redis';
export * from './timer-queue';
