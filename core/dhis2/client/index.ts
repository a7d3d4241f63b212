export * from './api';
export * from './credentials';
export * from './errors';
export * from './http';
export * from './proxy';
export * from './requestContext';
export * from './serverUrl';
export * from './version';
export { parseWebMessage, type WebMessage } from './webMessage';
