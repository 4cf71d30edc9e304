export * from './logger';
export * from './auth';
export * from './http-error';
export * from './validate';
export * from './app';
export * from './lifecycle';
export * from './outbox-dispatch';
export * from './metrics';
