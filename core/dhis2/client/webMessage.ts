import { type Dhis2ErrorReport } from './errors';

/** DHIS2's standard reply envelope (shared/spec §1, §5), read defensively from untrusted JSON. */
export interface WebMessage {
	readonly httpStatusCode?: number;
	readonly status?: string;
	readonly message?: string;
	readonly errorCode?: string;
	readonly response?: Readonly<Record<string, unknown>>;
	readonly errorReports: readonly Dhis2ErrorReport[];
}

function stringOr(value: unknown): string | undefined {
	return typeof value === 'string' ? value : undefined;
}

function reportOf(value: unknown): Dhis2ErrorReport | undefined {
	if (typeof value !== 'object' || value === null) return undefined;
	const record = value as Record<string, unknown>;
	const report: { errorCode?: string; errorProperty?: string; message?: string } = {};
	const errorCode = stringOr(record.errorCode);
	const errorProperty = stringOr(record.errorProperty);
	const message = stringOr(record.message);
	if (errorCode !== undefined) report.errorCode = errorCode;
	if (errorProperty !== undefined) report.errorProperty = errorProperty;
	if (message !== undefined) report.message = message;
	return report;
}

/** `undefined` when the JSON is not a WebMessage (e.g. a plain object from a GET). */
export function parseWebMessage(json: unknown): WebMessage | undefined {
	if (typeof json !== 'object' || json === null || Array.isArray(json)) return undefined;
	const record = json as Record<string, unknown>;
	if (typeof record.httpStatusCode !== 'number' && typeof record.status !== 'string' && typeof record.message !== 'string') {
		return undefined;
	}
	const response = typeof record.response === 'object' && record.response !== null ? (record.response as Record<string, unknown>) : undefined;
	// Import reports nest their errors one level deeper in some versions (typeReports → objectReports).
	const rawReports: unknown[] = [];
	if (Array.isArray(response?.errorReports)) rawReports.push(...(response.errorReports as unknown[]));
	if (Array.isArray(record.errorReports)) rawReports.push(...(record.errorReports as unknown[]));
	const message: WebMessage = {
		errorReports: rawReports.map(reportOf).filter((report): report is Dhis2ErrorReport => report !== undefined),
		...(typeof record.httpStatusCode === 'number' ? { httpStatusCode: record.httpStatusCode } : {}),
		...(stringOr(record.status) === undefined ? {} : { status: stringOr(record.status) }),
		...(stringOr(record.message) === undefined ? {} : { message: stringOr(record.message) }),
		...(stringOr(record.errorCode) === undefined ? {} : { errorCode: stringOr(record.errorCode) }),
		...(response === undefined ? {} : { response }),
	};
	return message;
}
