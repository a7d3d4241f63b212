// Browser-safe: shared by the generate-token webview and the API client. No `node:` imports here.
export * from './attributes';
export * from './expiry';
export * from './ipAddress';
export * from './lines';
export * from './referrer';
export * from './request';
export * from './summary';
