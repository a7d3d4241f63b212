export * from './finding';
export * from './scanner';
export * from './directives';
export * from './positions';
export * from './ignoreFile';
export * from './content';
export * from './walk';
export * from './scanFile';
