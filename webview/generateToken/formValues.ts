import {
	allowedMethodChoices, EXPIRY_PRESET_DAYS, type ExpiryChoice, type ExpiryPresetDays, HTTP_METHODS, type HttpMethod,
	normaliseReferrer, numberedLines, type TokenContext, type TokenFormCapabilities, type TokenRequestInput,
} from '../../core/dhis2/tokens';
import { type FormDefaults } from '../../core/protocol/webview';
import { type PageElements } from './elements';

/**
 * The form as it stands, exactly as typed. Nothing secret: this is also what survives a reload of
 * the webview through `setState`.
 */
export interface FormValues {
	readonly context: TokenContext;
	readonly name: string;
	/** A preset as its number of days, or `custom`. */
	readonly expiry: string;
	/** `YYYY-MM-DD` from the date input; used when `expiry` is `custom`. */
	readonly expiryDate: string;
	readonly allowedIps: string;
	readonly allowedReferrers: string;
	readonly allowedMethods: readonly HttpMethod[];
}

export function readValues(elements: PageElements): FormValues {
	return {
		context: elements.contextBrowser.checked ? 'browser' : 'server',
		name: elements.name.value,
		expiry: elements.expiry.value,
		expiryDate: elements.expiryDate.value,
		allowedIps: elements.allowedIps.value,
		allowedReferrers: elements.allowedReferrers.value,
		allowedMethods: HTTP_METHODS.filter((method) => elements.methods.get(method)?.checked === true),
	};
}

export function writeValues(elements: PageElements, values: FormValues): void {
	elements.contextServer.checked = values.context === 'server';
	elements.contextBrowser.checked = values.context === 'browser';
	elements.name.value = values.name;
	elements.expiry.value = isExpiryOption(values.expiry) ? values.expiry : '30';
	elements.expiryDate.value = values.expiryDate;
	elements.allowedIps.value = values.allowedIps;
	elements.allowedReferrers.value = values.allowedReferrers;
	for (const [method, box] of elements.methods) box.checked = values.allowedMethods.includes(method);
}

export function defaultValues(defaults: FormDefaults): FormValues {
	return {
		context: defaults.context,
		name: '',
		expiry: String(defaults.expiryDays),
		expiryDate: '',
		allowedIps: '',
		allowedReferrers: '',
		allowedMethods: defaults.allowedMethods,
	};
}

function isExpiryOption(value: string): boolean {
	return value === 'custom' || (EXPIRY_PRESET_DAYS as readonly number[]).includes(Number(value));
}

export function expiryChoice(values: FormValues): ExpiryChoice {
	if (values.expiry === 'custom') return { kind: 'custom', date: values.expiryDate };
	return { kind: 'preset', days: Number(values.expiry) as ExpiryPresetDays };
}

/**
 * The input to validate, with the text areas as typed so that line numbers in errors match what
 * the user sees. Only what the server accepts is included: the name where it stores `code`, the
 * list that belongs to the context, HEAD only where it is allowed.
 */
export function inputToCheck(values: FormValues, capabilities: TokenFormCapabilities): TokenRequestInput {
	const choices: readonly string[] = allowedMethodChoices(capabilities);
	return {
		context: values.context,
		...(capabilities.supportsCode ? { name: values.name } : {}),
		expiry: expiryChoice(values),
		...(values.context === 'server' ? { allowedIps: values.allowedIps } : { allowedReferrers: values.allowedReferrers }),
		allowedMethods: values.allowedMethods.filter((method) => choices.includes(method)),
	};
}

function cleanLines(text: string, normalise: (value: string) => string = (value) => value): string {
	return numberedLines(text).map(({ value }) => normalise(value)).join('\n');
}

/** What is sent: trimmed non-blank lines, referrers lower-cased, no empty name. */
export function inputToSend(values: FormValues, capabilities: TokenFormCapabilities): TokenRequestInput {
	const checked = inputToCheck(values, capabilities);
	const name = checked.name?.trim() ?? '';
	return {
		context: checked.context,
		...(name === '' ? {} : { name }),
		expiry: checked.expiry,
		...(checked.allowedIps === undefined ? {} : { allowedIps: cleanLines(checked.allowedIps) }),
		...(checked.allowedReferrers === undefined ? {} : { allowedReferrers: cleanLines(checked.allowedReferrers, normaliseReferrer) }),
		allowedMethods: checked.allowedMethods,
	};
}
