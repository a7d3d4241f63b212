import { type ApiKey } from './credentials';
import { type ServerFeatures } from './version';

export type Dhis2Operation =
	| 'systemInfo'
	| 'me'
	| 'createToken'
	| 'listTokens'
	| 'getToken'
	| 'patchToken'
	| 'revokeToken'
	| 'verifyToken';

/** What the error mapping needs to know about the call that failed, to explain it. */
export interface RequestContext {
	readonly operation: Dhis2Operation;
	readonly url: URL;
	readonly authKind: 'basic' | 'apiToken';
	/** For a token call: lets a checksum failure be traced to a key from an older server. */
	readonly key?: ApiKey;
	readonly timeoutMs: number;
	/** Known once `/api/system/info` has answered. */
	readonly features?: ServerFeatures;
	readonly caConfigured: boolean;
	/** Proxy in use for this URL, without credentials. */
	readonly proxy?: string;
	/** Set when the caller's AbortSignal fired: tells cancellation apart from undici's own aborts. */
	readonly cancelled: () => boolean;
}

export const CA_CERTIFICATES_SETTING = 'dhis2.http.caCertificates';
export const TIMEOUT_SETTING = 'dhis2.http.timeoutSeconds';
