export { resolveRequest, type ResolveResult } from './resolver';
export { type RecordedResponse, type ResolveContext } from './context';
export {
	ENVIRONMENT_FILE,
	PRIVATE_ENVIRONMENT_FILE,
	SHARED_ENVIRONMENT,
	type EnvironmentProblem,
	type Environments,
	environmentsFromJson,
	loadEnvironments,
} from './environments';
export { dotenvLookup, nodeResolveContext, type NodeContextOptions } from './nodeContext';
