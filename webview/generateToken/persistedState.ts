import { HTTP_METHODS, type HttpMethod } from '../../core/dhis2/tokens';
import { type FormValues } from './formValues';

/**
 * What the webview keeps across reloads (`setState`): the form fields and the chosen server. Never
 * a key, never anything from a result: those come from the host again, masked.
 */
export interface PersistedForm {
	readonly version: 1;
	readonly serverId?: string;
	readonly values: FormValues;
}

function isRecord(value: unknown): value is Readonly<Record<string, unknown>> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isValues(value: unknown): value is FormValues {
	return isRecord(value)
		&& (value.context === 'server' || value.context === 'browser')
		&& typeof value.name === 'string'
		&& typeof value.expiry === 'string'
		&& typeof value.expiryDate === 'string'
		&& typeof value.allowedIps === 'string'
		&& typeof value.allowedReferrers === 'string'
		&& Array.isArray(value.allowedMethods)
		&& value.allowedMethods.every((method) => (HTTP_METHODS as readonly unknown[]).includes(method));
}

/** State from an older build or a damaged store is ignored rather than half-applied. */
export function persistedForm(state: unknown): PersistedForm | undefined {
	if (!isRecord(state) || state.version !== 1 || !isValues(state.values)) return undefined;
	if (state.serverId !== undefined && typeof state.serverId !== 'string') return undefined;
	return state as unknown as PersistedForm;
}

export function toPersisted(serverId: string | undefined, values: FormValues): PersistedForm {
	const allowedMethods: HttpMethod[] = [...values.allowedMethods];
	return { version: 1, ...(serverId === undefined ? {} : { serverId }), values: { ...values, allowedMethods } };
}
