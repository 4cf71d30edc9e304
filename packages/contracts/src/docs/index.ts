export * from './examples';
export * from './json-schemas';
export * from './messages-doc';
export * from './asyncapi';
export * from './cv-template-doc';
