export * from './memoryStores';
export * from './secretKeys';
export * from './storedToken';
export * from './stores';
export * from './tokenVault';
export * from './vaultError';
