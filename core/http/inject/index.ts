export * from './policy';
export * from './scope';
