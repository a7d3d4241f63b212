import { STATUS_CODES } from 'node:http';
import { type Reply } from './reply';

export const API_TOKEN_KLASS = 'org.hisp.dhis.security.apikey.ApiToken';

/** DHIS2's `ErrorReport` as it appears in `response.errorReports[]`. */
export interface ErrorReport {
	readonly message: string;
	readonly mainKlass: string;
	readonly errorCode: string;
	readonly errorProperty?: string;
	readonly errorProperties?: readonly unknown[];
	readonly value?: unknown;
}

export interface WebMessageFields {
	readonly message?: string;
	readonly errorCode?: string;
	readonly response?: Record<string, unknown>;
	readonly devMessage?: string;
}

/** Key order as DHIS2 renders it: status block first, then message, code and response. */
export function webMessage(httpStatusCode: number, fields: WebMessageFields = {}): Record<string, unknown> {
	return {
		httpStatus: STATUS_CODES[httpStatusCode] ?? 'Unknown',
		httpStatusCode,
		status: httpStatusCode < 400 ? 'OK' : 'ERROR',
		...fields,
	};
}

/** 4xx WebMessages carry `Cache-Control: no-cache, private` (WebMessageControllerAdvice). */
export function errorReply(status: number, message: string, extra: Omit<WebMessageFields, 'message'> = {}, headers: Record<string, string> = {}): Reply {
	return {
		status,
		headers: { 'Cache-Control': 'no-cache, private', ...headers },
		json: webMessage(status, { message, ...extra }),
	};
}

export function objectReport(uid: string, errorReports: readonly ErrorReport[] = [], responseType = 'ObjectReport'): Record<string, unknown> {
	return { responseType, uid, klass: API_TOKEN_KLASS, errorReports };
}

export function notFoundReply(uid: string): Reply {
	return errorReply(404, `ApiToken with id ${uid} could not be found.`, { errorCode: 'E1005' });
}

/** An import conflict: the generic top-level message, details in the object report. */
export function importConflictReply(uid: string, errorReports: readonly ErrorReport[]): Reply {
	return errorReply(409, 'One or more errors occurred, please see full details in import report.', {
		response: objectReport(uid, errorReports),
	});
}

export function okObjectReply(uid: string): Reply {
	return { status: 200, json: webMessage(200, { response: objectReport(uid) }) };
}
