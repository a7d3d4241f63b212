// Bundled to dist/demo-token.js for `npm start`, which must not import TypeScript sources.
export { generateToken } from '../core/token';
