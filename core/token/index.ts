export * from './crc32';
export * from './base62';
export * from './format';
export * from './verify';
export * from './identity';
export * from './generate';
