import { HTTP_METHODS, type HttpMethod } from '../../core/dhis2/tokens';
import { byId } from '../shared/dom';

/** Every element of the page the script works with, looked up once (ids from generateTokenHtml). */
export interface PageElements {
	readonly status: HTMLElement;
	readonly form: HTMLFormElement;
	readonly server: HTMLSelectElement;
	readonly serverOnly: HTMLElement;
	readonly serverInfo: HTMLElement;
	readonly serverProblem: HTMLElement;
	readonly serverProblemText: HTMLElement;
	readonly serverRetry: HTMLButtonElement;
	readonly contextServer: HTMLInputElement;
	readonly contextBrowser: HTMLInputElement;
	readonly nameField: HTMLElement;
	readonly name: HTMLInputElement;
	readonly nameCount: HTMLElement;
	readonly expiry: HTMLSelectElement;
	readonly expiryDateField: HTMLElement;
	readonly expiryDate: HTMLInputElement;
	readonly expiryHint: HTMLElement;
	readonly ipsField: HTMLElement;
	readonly allowedIps: HTMLTextAreaElement;
	readonly referrersField: HTMLElement;
	readonly allowedReferrers: HTMLTextAreaElement;
	readonly methodsField: HTMLFieldSetElement;
	readonly methods: ReadonlyMap<HttpMethod, HTMLInputElement>;
	readonly headOption: HTMLElement;
	readonly formAlert: HTMLElement;
	readonly generate: HTMLButtonElement;
	readonly cancel: HTMLButtonElement;
	readonly result: HTMLElement;
	readonly resultHeading: HTMLElement;
	readonly resultText: HTMLElement;
	readonly key: HTMLInputElement;
	readonly keyHelp: HTMLElement;
	readonly keyDetails: HTMLElement;
	readonly copy: HTMLButtonElement;
	readonly useForHttp: HTMLButtonElement;
	readonly writeEnv: HTMLButtonElement;
	readonly done: HTMLButtonElement;
	readonly actionStatus: HTMLElement;
}

export function pageElements(): PageElements {
	return {
		status: byId('page-status', HTMLElement),
		form: byId('form', HTMLFormElement),
		server: byId('server', HTMLSelectElement),
		serverOnly: byId('server-only', HTMLElement),
		serverInfo: byId('server-info', HTMLElement),
		serverProblem: byId('server-problem', HTMLElement),
		serverProblemText: byId('server-problem-text', HTMLElement),
		serverRetry: byId('server-retry', HTMLButtonElement),
		contextServer: byId('context-server', HTMLInputElement),
		contextBrowser: byId('context-browser', HTMLInputElement),
		nameField: byId('name-field', HTMLElement),
		name: byId('name', HTMLInputElement),
		nameCount: byId('name-count', HTMLElement),
		expiry: byId('expiry', HTMLSelectElement),
		expiryDateField: byId('expiry-date-field', HTMLElement),
		expiryDate: byId('expiry-date', HTMLInputElement),
		expiryHint: byId('expiry-hint', HTMLElement),
		ipsField: byId('ips-field', HTMLElement),
		allowedIps: byId('allowed-ips', HTMLTextAreaElement),
		referrersField: byId('referrers-field', HTMLElement),
		allowedReferrers: byId('allowed-referrers', HTMLTextAreaElement),
		methodsField: byId('methods-field', HTMLFieldSetElement),
		methods: new Map(HTTP_METHODS.map((method) => [method, byId(`method-${method}`, HTMLInputElement)])),
		headOption: byId('method-HEAD-option', HTMLElement),
		formAlert: byId('form-alert', HTMLElement),
		generate: byId('generate', HTMLButtonElement),
		cancel: byId('cancel', HTMLButtonElement),
		result: byId('result', HTMLElement),
		resultHeading: byId('result-heading', HTMLElement),
		resultText: byId('result-text', HTMLElement),
		key: byId('key', HTMLInputElement),
		keyHelp: byId('key-help', HTMLElement),
		keyDetails: byId('key-details', HTMLElement),
		copy: byId('copy', HTMLButtonElement),
		useForHttp: byId('use-for-http', HTMLButtonElement),
		writeEnv: byId('write-env', HTMLButtonElement),
		done: byId('done', HTMLButtonElement),
		actionStatus: byId('action-status', HTMLElement),
	};
}
