import { type AuthCache } from './authCache';
import { type Clock } from './clock';
import { type TokenStore } from './tokenStore';
import { type UserDirectory } from './users';
import { type VersionFeatures } from './versionFeatures';

/** Everything one emulator instance knows; handlers receive it instead of reaching for globals. */
export interface EmulatorState {
	readonly features: VersionFeatures;
	/** `enable.api_token.authentication`: when off, `ApiToken` headers are ignored (request is unauthenticated). */
	readonly tokenAuthEnabled: boolean;
	readonly clock: Clock;
	readonly users: UserDirectory;
	readonly tokens: TokenStore;
	readonly authCache: AuthCache;
}
