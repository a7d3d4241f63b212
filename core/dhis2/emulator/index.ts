export { startEmulator, type Emulator, type EmulatorOptions, type StoredTokenSnapshot } from './emulator';
export { DEMO_USERS, type DemoUser } from './users';
export { featuresFor, type VersionFeatures } from './versionFeatures';
export { type RequestLogEntry } from './requestLog';
export { AUTH_CACHE_TTL_MS } from './authCache';
export { DEFAULT_EXPIRY_MS } from './tokenService';
