export * from './logger';
export * from './bus';
export * from './consumer';
export * from './errors';
export * from './topology';
export * from './management';
export * from './provision';
export * from './unroutable';
