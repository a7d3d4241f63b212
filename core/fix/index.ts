export * from './types';
export * from './languages';
export * from './envName';
export * from './envFiles';
export * from './ignoreComment';
export * from './moveToEnv';
export * from './quickFixes';
