export * from './infra';
export * from './wait-for';
export * from './spawn-service';
export * from './platform';
export * from './test-bus';
export * from './private-redis';
export * from './private-ferretdb';
export * from './openapi-check';
