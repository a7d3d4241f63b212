export { type LifecycleDeps, tokenLabel } from './deps';
export { expiringTokens } from './expiring';
export { generateToken, type GenerateResult } from './generate';
export { type ChooseToken, type ImportDeps, importToken, type ImportResult } from './importToken';
export { type RevokeReport, revokeToken } from './revoke';
export { rotatedName } from './rotatedName';
export { type RotateOptions, type RotationReport, type RotationStep, type RotationStepName, type RotationStepStatus, rotateToken } from './rotate';
export { DEFAULT_LIFETIME_MS } from './tokenRecord';
