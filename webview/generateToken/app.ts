import {
	DAY_MS, type FieldProblem, formatDate, type LineError, normaliseReferrer, numberedLines, type TokenFormCapabilities,
	type TokenRequestField, type TokenRequestValidation, validateTokenRequest,
} from '../../core/dhis2/tokens';
import {
	type CreatedTokenSummary, type GenerateResult, type HostMessageOf, type HostToWebviewMessage, type ServerChoice,
	type ServerCapabilitiesState, type TokenAction,
} from '../../core/protocol/webview';
import { setText } from '../shared/dom';
import { type HostConnection } from '../shared/vscodeApi';
import { type PageElements } from './elements';
import { FIELD_ORDER, FieldDisplay } from './fieldDisplay';
import { defaultValues, type FormValues, inputToCheck, inputToSend, readValues, writeValues } from './formValues';
import { persistedForm, toPersisted } from './persistedState';
import { ResultView } from './resultView';

/** Which field a control belongs to, by element id. */
function fieldOf(target: EventTarget | null): TokenRequestField | undefined {
	if (!(target instanceof HTMLElement)) return undefined;
	const id = target.id;
	if (id === 'name') return 'name';
	if (id === 'expiry' || id === 'expiry-date') return 'expiry';
	if (id === 'allowed-ips') return 'allowedIps';
	if (id === 'allowed-referrers') return 'allowedReferrers';
	if (id.startsWith('method-')) return 'allowedMethods';
	if (id.startsWith('context-')) return 'context';
	return undefined;
}

const ACTION_PENDING: Readonly<Record<TokenAction, string>> = {
	copyKey: 'Copying the key…',
	useForHttp: 'Setting the token for .http requests…',
	writeEnv: 'Choosing a .env file…',
};

/**
 * The generate-token form: renders what the host sends, validates as the user types with the same
 * rules the host applies before sending (core/dhis2/tokens), and posts only protocol messages.
 *
 * Errors show once a field has been left or a submit was tried ("reward early, punish late"), and
 * go away as soon as the field is fixed. Errors from the server stay on their field until that
 * field changes.
 */
export class GenerateTokenApp {
	private servers: readonly ServerChoice[] = [];
	private serverId: string | undefined;
	private readonly capabilities = new Map<string, ServerCapabilitiesState>();
	private readonly touched = new Set<TokenRequestField>();
	private readonly serverProblems = new Map<TokenRequestField, FieldProblem>();
	private submitted = false;
	private pendingRequest: number | undefined;
	private nextRequestId = 1;
	private hostBusy = false;
	private createdTokenId: string | undefined;
	private pointerDown = false;
	private readonly deferred: (() => void)[] = [];
	private readonly fields: FieldDisplay;
	private readonly resultView: ResultView;

	constructor(
		private readonly elements: PageElements,
		private readonly host: HostConnection,
		private readonly now: () => number = Date.now,
	) {
		this.fields = new FieldDisplay(elements);
		this.resultView = new ResultView(elements);
	}

	/** Wires the page and tells the host it may start talking. */
	start(): void {
		this.listenToForm();
		this.deferWhilePointerDown();
		this.listenToButtons();
		// Belt and braces: whatever ends the page, the key leaves the DOM first.
		window.addEventListener('pagehide', () => this.resultView.clearKey());
		setText(this.elements.status, 'Loading…');
		this.host.post({ type: 'ready' });
	}

	private listenToForm(): void {
		const { form } = this.elements;
		form.addEventListener('submit', (event) => {
			event.preventDefault();
			this.submit();
		});
		form.addEventListener('input', (event) => this.edited(event.target));
		form.addEventListener('change', (event) => {
			// A committed change (a box ticked, a date picked, a text field left after editing) counts as visited.
			const field = fieldOf(event.target);
			if (field !== undefined) this.touched.add(field);
			this.afterPointer(() => this.edited(event.target));
		});
		form.addEventListener('focusout', (event) => {
			const field = fieldOf(event.target);
			if (field === undefined || this.touched.has(field)) return;
			this.touched.add(field);
			this.afterPointer(() => this.refresh());
		});
		form.addEventListener('keydown', (event) => {
			// Ctrl/Cmd+Enter submits from anywhere, text areas included (where Enter adds a line).
			if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
				event.preventDefault();
				form.requestSubmit();
			}
		});
	}

	/**
	 * Leaving a field by clicking the next one reveals the field's errors, which moves everything
	 * below it. Until the click is over, hold such updates back, or the box or button under the
	 * pointer would move away between press and release and the click would be lost.
	 */
	private deferWhilePointerDown(): void {
		document.addEventListener('pointerdown', () => {
			this.pointerDown = true;
		}, true);
		document.addEventListener('pointerup', () => {
			this.pointerDown = false;
			setTimeout(() => this.flushDeferred(), 0);
		}, true);
		document.addEventListener('pointercancel', () => {
			this.pointerDown = false;
			this.flushDeferred();
		}, true);
	}

	private listenToButtons(): void {
		const { elements } = this;
		elements.server.addEventListener('change', () => this.selectServer(elements.server.value));
		elements.serverRetry.addEventListener('click', () => {
			if (this.serverId === undefined) return;
			this.capabilities.delete(this.serverId);
			this.selectServer(this.serverId);
		});
		elements.cancel.addEventListener('click', () => this.close());
		elements.copy.addEventListener('click', () => this.action('copyKey'));
		elements.useForHttp.addEventListener('click', () => this.action('useForHttp'));
		elements.writeEnv.addEventListener('click', () => this.action('writeEnv'));
		elements.done.addEventListener('click', () => this.close());
	}

	private afterPointer(work: () => void): void {
		if (this.pointerDown) this.deferred.push(work);
		else work();
	}

	private flushDeferred(): void {
		for (const work of this.deferred.splice(0)) work();
	}

	receive(message: HostToWebviewMessage): void {
		switch (message.type) {
			case 'init':
				this.init(message);
				break;
			case 'capabilities':
				this.capabilities.set(message.serverId, message.state);
				if (message.serverId === this.serverId) this.refresh();
				break;
			case 'busy':
				this.hostBusy = message.busy;
				setText(this.elements.status, message.busy ? (message.message ?? 'Working…') : '');
				this.refresh();
				break;
			case 'generateResult':
				if (message.requestId === this.pendingRequest) this.generated(message.result);
				break;
			case 'actionResult':
				setText(this.elements.actionStatus, message.message);
				break;
		}
	}

	private init(message: HostMessageOf<'init'>): void {
		const { elements } = this;
		// A new init (after a reload, or after a token was created unseen) starts the page afresh.
		this.pendingRequest = undefined;
		this.hostBusy = false;
		this.submitted = false;
		this.touched.clear();
		this.serverProblems.clear();
		elements.formAlert.hidden = true;
		elements.result.hidden = true;
		this.servers = message.servers;
		elements.server.replaceChildren(...message.servers.map((server) => {
			const option = document.createElement('option');
			option.value = server.id;
			option.textContent = server.production ? `${server.label} (production)` : server.label;
			return option;
		}));
		const several = message.servers.length > 1;
		elements.server.hidden = !several;
		const serverLabel = elements.server.labels[0];
		if (serverLabel) serverLabel.hidden = !several;
		const only = message.servers.length === 1 ? message.servers[0] : undefined;
		elements.serverOnly.hidden = only === undefined;
		setText(elements.serverOnly, only === undefined ? '' : `DHIS2 server: ${only.label}${only.production ? ' (production)' : ''}`);

		const saved = persistedForm(this.host.readState());
		writeValues(elements, saved?.values ?? defaultValues(message.defaults));
		const known = (id: string | undefined) => (id !== undefined && message.servers.some((server) => server.id === id) ? id : undefined);
		this.serverId = known(message.selectedServerId) ?? known(saved?.serverId) ?? message.servers[0]?.id;
		if (this.serverId !== undefined) elements.server.value = this.serverId;

		if (message.created !== undefined) {
			this.showCreated(message.created, undefined);
			return;
		}
		elements.form.hidden = false;
		setText(elements.status, '');
		if (this.serverId === undefined) {
			setText(elements.status, 'No DHIS2 server is set up yet. Run "DHIS2: Add Server", then open this form again.');
		} else {
			this.selectServer(this.serverId);
		}
		this.refresh();
	}

	private selectServer(serverId: string): void {
		this.serverId = serverId;
		this.serverProblems.clear();
		// Always told, even when known: the host keeps the choice for the next reload of the page.
		this.host.post({ type: 'selectServer', serverId });
		this.refresh();
	}

	private currentServer(): ServerChoice | undefined {
		return this.servers.find((server) => server.id === this.serverId);
	}

	private currentCapabilities(): TokenFormCapabilities | undefined {
		const state = this.serverId === undefined ? undefined : this.capabilities.get(this.serverId);
		return state?.status === 'known' ? state.capabilities : undefined;
	}

	private edited(target: EventTarget | null): void {
		const field = fieldOf(target);
		if (field !== undefined) this.serverProblems.delete(field);
		if (field === 'context') {
			// The other list is hidden now; a problem the server found in it must not block the form.
			this.serverProblems.delete('allowedIps');
			this.serverProblems.delete('allowedReferrers');
			this.elements.formAlert.hidden = true;
		}
		this.refresh();
	}

	/** Brings everything on the form up to date with its values; returns the validation, if it could run. */
	private refresh(): TokenRequestValidation | undefined {
		const { elements } = this;
		if (elements.form.hidden) return undefined;
		const values = readValues(elements);
		this.host.writeState(toPersisted(this.serverId, values));
		const capabilities = this.currentCapabilities();
		this.showServer();
		this.showFields(values, capabilities);
		const busy = this.pendingRequest !== undefined || this.hostBusy;
		elements.generate.disabled = busy || capabilities === undefined;
		elements.form.setAttribute('aria-busy', String(busy));
		if (capabilities === undefined) {
			this.fields.clearAll();
			return undefined;
		}
		const check = validateTokenRequest(inputToCheck(values, capabilities), capabilities, this.now());
		for (const field of FIELD_ORDER) {
			const shown = this.submitted || this.touched.has(field);
			const error = check.ok ? undefined : check.errors.find((problem) => problem.field === field);
			this.fields.showError(field, this.serverProblems.get(field) ?? (shown ? error : undefined));
			this.fields.showNotice(field, check.warnings.find((problem) => problem.field === field));
		}
		return check;
	}

	private showServer(): void {
		const { elements } = this;
		const server = this.currentServer();
		const state = this.serverId === undefined ? undefined : this.capabilities.get(this.serverId);
		elements.serverProblem.hidden = state?.status !== 'failed';
		if (state?.status === 'failed') setText(elements.serverProblemText, `${state.explanation} ${state.nextStep}`);
		const facts: string[] = [];
		if (server !== undefined) facts.push(server.url);
		if (state?.status === 'known' && state.version !== undefined) facts.push(`DHIS2 ${state.version}`);
		if (server !== undefined && state === undefined) facts.push('checking its DHIS2 version…');
		if (server?.production === true) facts.push('production server: the token works on live data');
		setText(elements.serverInfo, facts.join(' · '));
	}

	private showFields(values: FormValues, capabilities: TokenFormCapabilities | undefined): void {
		const { elements } = this;
		const browser = values.context === 'browser';
		elements.ipsField.hidden = browser;
		elements.referrersField.hidden = !browser;
		elements.nameField.hidden = capabilities?.supportsCode !== true;
		const head = elements.methods.get('HEAD');
		elements.headOption.hidden = capabilities?.supportsHead !== true;
		// A hidden HEAD must not linger ticked and be sent by a later submit.
		if (head && elements.headOption.hidden) head.checked = false;
		const length = values.name.trim().length;
		setText(elements.nameCount, `${length}/50`);

		const custom = values.expiry === 'custom';
		elements.expiryDateField.hidden = !custom;
		const now = this.now();
		elements.expiryDate.min = formatDate(now + DAY_MS);
		if (!custom) {
			setText(elements.expiryHint, `The token stops working on ${formatDate(now + Number(values.expiry) * DAY_MS)}.`);
		} else if (/^\d{4}-\d{2}-\d{2}$/.test(values.expiryDate)) {
			// DHIS2's own form sends midnight UTC at the start of the chosen day; so does this one.
			setText(elements.expiryHint, `The token stops working at the start of ${values.expiryDate} (UTC).`);
		} else {
			setText(elements.expiryHint, 'Pick a day after today.');
		}
	}

	private submit(): void {
		const { elements } = this;
		const capabilities = this.currentCapabilities();
		if (this.pendingRequest !== undefined || this.hostBusy || capabilities === undefined || this.serverId === undefined) return;
		this.submitted = true;
		elements.formAlert.hidden = true;
		const check = this.refresh();
		if (check === undefined) return;
		if (!check.ok || this.serverProblems.size > 0) {
			const fields = new Set<TokenRequestField>([...(check.ok ? [] : check.errors.map((problem) => problem.field)), ...this.serverProblems.keys()]);
			const first = FIELD_ORDER.find((field) => fields.has(field));
			setText(elements.status, `Fix the ${fields.size === 1 ? 'marked field' : `${fields.size} marked fields`} to generate the token.`);
			if (first !== undefined) this.fields.focus(first);
			return;
		}
		const requestId = this.nextRequestId++;
		this.pendingRequest = requestId;
		setText(elements.status, 'Creating the token…');
		this.host.post({ type: 'generate', requestId, serverId: this.serverId, input: inputToSend(readValues(elements), capabilities) });
		this.refresh();
	}

	private generated(result: GenerateResult): void {
		const { elements } = this;
		this.pendingRequest = undefined;
		this.hostBusy = false;
		setText(elements.status, '');
		if (result.kind === 'created') {
			this.showCreated(result.token, result.key);
			return;
		}
		elements.formAlert.replaceChildren();
		const heading = document.createElement('p');
		heading.textContent = result.explanation;
		const next = document.createElement('p');
		next.textContent = result.nextStep;
		elements.formAlert.append(heading, next);
		elements.formAlert.hidden = false;
		if (result.kind === 'invalid') {
			for (const problem of result.problems) this.serverProblems.set(problem.field, this.relocated(problem));
			const first = FIELD_ORDER.find((field) => this.serverProblems.has(field));
			this.refresh();
			if (first !== undefined) this.fields.focus(first);
			return;
		}
		this.refresh();
		elements.generate.focus();
	}

	/**
	 * A server problem names the offending value; its line number refers to the cleaned list that was
	 * sent. Point at the line of the text area instead, which is what the user can find.
	 */
	private relocated(problem: FieldProblem): FieldProblem {
		const area = problem.field === 'allowedIps' ? this.elements.allowedIps : problem.field === 'allowedReferrers' ? this.elements.allowedReferrers : undefined;
		if (!area || problem.lines === undefined) return problem;
		const normalise = problem.field === 'allowedReferrers' ? normaliseReferrer : (value: string) => value;
		const typed = numberedLines(area.value);
		const lines = problem.lines.map((line): LineError => {
			const match = typed.find((candidate) => normalise(candidate.value) === normalise(line.value));
			return match === undefined ? line : { ...line, line: match.line, value: match.value };
		});
		return { ...problem, lines };
	}

	private showCreated(token: CreatedTokenSummary, key: string | undefined): void {
		this.createdTokenId = token.tokenId;
		// The form is done with; what survives a reload now comes from the host, masked.
		this.host.writeState(undefined);
		this.fields.clearAll();
		setText(this.elements.status, '');
		this.resultView.show(token, key);
	}

	private action(action: TokenAction): void {
		if (this.createdTokenId === undefined) return;
		setText(this.elements.actionStatus, ACTION_PENDING[action]);
		this.host.post({ type: action, tokenId: this.createdTokenId });
	}

	private close(): void {
		this.resultView.hide();
		this.elements.form.hidden = true;
		setText(this.elements.status, 'Closing…');
		this.host.post({ type: 'close' });
	}
}
