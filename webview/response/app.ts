import {
	type BodyView, formatBytes, formatDuration, type HeaderView, type HopView, type ResponseHostMessage, type ResponseViewModel,
} from '../../core/protocol/responseView';
import { appendText, setText } from '../shared/dom';
import { type ResponseElements } from './elements';
import { type ResponseHost } from './hostConnection';
import { prettyJson } from './jsonFormat';

type Tab = 'body' | 'headers' | 'request';
const TABS: readonly Tab[] = ['body', 'headers', 'request'];

/** Above this many pieces the JSON is shown indented but not coloured: a span per token would stall the page. */
export const MAX_HIGHLIGHTED_PIECES = 200_000;

function isTab(value: unknown): value is Tab {
	return (TABS as readonly unknown[]).includes(value);
}

function savedTab(state: unknown): Tab {
	const tab = typeof state === 'object' && state !== null ? (state as { tab?: unknown }).tab : undefined;
	return isTab(tab) ? tab : 'body';
}

/**
 * The response page: renders what the host sends, and asks the host to save, copy, open or run an
 * action. Everything it shows goes in through `textContent` (or an image's `data:` URL built from
 * base64 the host produced), so nothing in a response can become markup or script.
 */
export class ResponseApp {
	private model: ResponseViewModel | undefined;
	private tab: Tab;

	constructor(
		private readonly elements: ResponseElements,
		private readonly host: ResponseHost,
	) {
		this.tab = savedTab(host.readState());
	}

	start(): void {
		const { elements } = this;
		elements.saveBody.addEventListener('click', () => this.post('saveBody'));
		elements.copyCurl.addEventListener('click', () => this.post('copyCurl'));
		elements.sendAgain.addEventListener('click', () => this.post('sendAgain'));
		for (const tab of TABS) {
			elements.tabs[tab].addEventListener('click', () => this.select(tab, false));
			elements.tabs[tab].addEventListener('keydown', (event) => this.tabKey(event, tab));
		}
		this.select(this.tab, false);
		this.host.post({ type: 'ready' });
	}

	receive(message: ResponseHostMessage): void {
		switch (message.type) {
			case 'show':
				this.show(message.model);
				break;
			case 'status':
				setText(this.elements.status, message.text);
				break;
			case 'actionResult':
				setText(this.elements.actionStatus, message.message);
				this.elements.actionStatus.classList.toggle('failed', !message.ok);
				break;
		}
	}

	private post(type: 'saveBody' | 'copyCurl' | 'sendAgain' | 'openBodyFile'): void {
		if (!this.model) return;
		setText(this.elements.actionStatus, '');
		this.host.post({ type, viewId: this.model.viewId });
	}

	private tabKey(event: KeyboardEvent, tab: Tab): void {
		const at = TABS.indexOf(tab);
		const next = event.key === 'ArrowRight' ? TABS[(at + 1) % TABS.length]
			: event.key === 'ArrowLeft' ? TABS[(at + TABS.length - 1) % TABS.length]
				: event.key === 'Home' ? TABS[0]
					: event.key === 'End' ? TABS[TABS.length - 1] : undefined;
		if (next === undefined) return;
		event.preventDefault();
		this.select(next, true);
	}

	private select(tab: Tab, focus: boolean): void {
		this.tab = tab;
		for (const other of TABS) {
			const selected = other === tab;
			const button = this.elements.tabs[other];
			button.setAttribute('aria-selected', String(selected));
			button.tabIndex = selected ? 0 : -1;
			this.elements.panels[other].hidden = !selected;
		}
		if (focus) this.elements.tabs[tab].focus();
		this.host.writeState({ tab });
	}

	private show(model: ResponseViewModel): void {
		const { elements } = this;
		this.model = model;
		setText(elements.status, '');
		setText(elements.actionStatus, '');
		elements.response.hidden = false;
		setText(elements.title, model.title);
		setText(elements.method, model.method);
		setText(elements.url, model.finalUrl === model.url ? model.url : `${model.url} → ${model.finalUrl}`);
		setText(elements.statusBadge, `${model.status} ${model.statusText}`.trim());
		elements.statusBadge.className = `status outcome-${model.outcome}`;
		setText(elements.time, formatDuration(model.timeMs));
		setText(elements.size, formatBytes(model.size));
		elements.typeFact.hidden = model.contentType === '';
		setText(elements.contentType, model.contentType);
		elements.environmentFact.hidden = model.environment === undefined;
		setText(elements.environment, model.environment ?? '');
		setText(elements.injection, model.injection);
		elements.saveBody.disabled = !model.canSaveBody || model.body.kind === 'empty';
		elements.sendAgain.hidden = !model.canSendAgain;
		this.showExplanation(model);
		this.showBody(model.body);
		this.showHeaders(elements.headers, model.headers);
		setText(elements.headerCount, `(${model.headers.length})`);
		setText(elements.hopCount, model.hops.length > 1 ? `(${model.hops.length} hops)` : '');
		this.showHops(model.hops);
	}

	private showExplanation(model: ResponseViewModel): void {
		const { explanation, explanationTitle, explanationDetail, explanationActions } = this.elements;
		const view = model.explanation;
		explanationActions.replaceChildren();
		explanation.hidden = view === undefined;
		if (!view) return;
		explanation.className = `callout ${view.severity}-callout`;
		setText(explanationTitle, view.title);
		setText(explanationDetail, view.detail);
		for (const action of view.actions) {
			const button = appendText(explanationActions, 'button', action.label, 'secondary');
			button.type = 'button';
			button.addEventListener('click', () => {
				if (this.model) this.host.post({ type: 'runAction', viewId: this.model.viewId, action: action.id });
			});
		}
	}

	private showBody(body: BodyView): void {
		const { body: container, bodyNote } = this.elements;
		container.replaceChildren();
		bodyNote.hidden = true;
		const note = (text: string): void => {
			bodyNote.hidden = false;
			setText(bodyNote, text);
		};
		switch (body.kind) {
			case 'empty':
				appendText(container, 'p', 'No body.', 'empty');
				return;
			case 'json': {
				const pieces = prettyJson(body.text);
				if (!pieces) {
					note('The server said JSON, but this is not valid JSON; shown as text.');
					appendText(container, 'pre', body.text, 'text');
				} else {
					container.append(this.jsonElement(pieces));
				}
				if (body.masked) note('DHIS2 tokens in this body are shown masked. Save Body keeps them as received.');
				return;
			}
			case 'text':
				appendText(container, 'pre', body.text, 'text');
				if (body.masked) note('DHIS2 tokens in this body are shown masked. Save Body keeps them as received.');
				return;
			case 'image': {
				const image = document.createElement('img');
				image.alt = `Response image (${body.mime}, ${formatBytes(body.size)})`;
				image.src = `data:${body.mime};base64,${body.base64}`;
				image.className = 'body-image';
				container.append(image);
				return;
			}
			case 'binary':
				appendText(container, 'p', `Binary body (${body.contentType === '' ? 'no content type' : body.contentType}, ${formatBytes(body.size)}): use Save Body to keep it.`, 'empty');
				return;
			case 'file': {
				const paragraph = appendText(container, 'p', `The body (${formatBytes(body.size)}) is larger than ${formatBytes(body.limitBytes)}, so it was saved to a temporary file instead of being loaded here. `, 'large-body');
				const open = appendText(paragraph, 'button', 'Open', 'secondary');
				open.type = 'button';
				open.id = 'open-body-file';
				open.addEventListener('click', () => this.post('openBodyFile'));
				return;
			}
		}
	}

	private jsonElement(pieces: readonly { kind: string; text: string }[]): HTMLPreElement {
		const pre = document.createElement('pre');
		pre.className = 'json';
		if (pieces.length > MAX_HIGHLIGHTED_PIECES) {
			pre.textContent = pieces.map((piece) => piece.text).join('');
			return pre;
		}
		const fragment = document.createDocumentFragment();
		for (const piece of pieces) {
			if (piece.kind === 'plain') {
				fragment.append(piece.text);
				continue;
			}
			const span = document.createElement('span');
			span.className = `json-${piece.kind}`;
			span.textContent = piece.text;
			fragment.append(span);
		}
		pre.append(fragment);
		return pre;
	}

	private showHeaders(tbody: HTMLTableSectionElement, headers: readonly HeaderView[]): void {
		tbody.replaceChildren();
		for (const header of headers) {
			const row = document.createElement('tr');
			appendText(row, 'th', header.name).scope = 'row';
			appendText(row, 'td', header.value);
			tbody.append(row);
		}
	}

	private showHops(hops: readonly HopView[]): void {
		const container = this.elements.hops;
		container.replaceChildren();
		for (const hop of hops) {
			const section = document.createElement('section');
			section.className = 'hop';
			const heading = appendText(section, 'h2', `${hops.length > 1 ? `${hop.index + 1}. ` : ''}${hop.method} `);
			appendText(heading, 'span', hop.url, 'url');
			const credentials = appendText(section, 'p', hop.credentials, 'credentials');
			credentials.classList.toggle('token-sent', hop.tokenSent);
			credentials.classList.toggle('token-dropped', hop.tokenDropped);
			const table = document.createElement('table');
			table.className = 'headers';
			const tbody = document.createElement('tbody');
			this.showHeaders(tbody, hop.headers);
			table.append(tbody);
			section.append(table);
			if (hop.bodyText !== undefined) appendText(section, 'pre', hop.bodyText, 'text');
			else if (hop.bodyBytes > 0) appendText(section, 'p', `Body: ${formatBytes(hop.bodyBytes)} (not text, or too long to show).`, 'note');
			const answer = hop.status === undefined ? 'No answer.' : `→ ${hop.status} ${hop.statusText ?? ''}`.trim();
			const redirect = hop.redirect ? ` Redirect to ${hop.redirect.location}${hop.redirect.followed ? ' (followed)' : ' (not followed: # @no-redirect)'}.` : '';
			const time = hop.timeMs === undefined ? '' : ` ${formatDuration(hop.timeMs)}.`;
			appendText(section, 'p', `${answer}${time}${redirect}`, 'hop-answer');
			container.append(section);
		}
	}
}
