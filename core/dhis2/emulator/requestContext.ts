import { type IncomingMessage } from 'node:http';
import { type EmulatorState } from './state';
import { type UserRecord } from './users';

/** One authenticated API request, as every route handler receives it. */
export interface RequestContext {
	readonly state: EmulatorState;
	readonly req: IncomingMessage;
	/** Absolute, with the origin the client used (for `Location` and pager links). */
	readonly url: URL;
	/** Origin the client used, no trailing slash, e.g. `http://127.0.0.1:8080`. */
	readonly baseUrl: string;
	readonly user: UserRecord;
}
