import { type CreatedTokenSummary } from '../../core/protocol/webview';
import { setText } from '../shared/dom';
import { type PageElements } from './elements';

/**
 * The success page. The key lives only in the read-only field's `value` property (never an
 * attribute, never state) and is wiped on Done, on close and when the page goes away.
 */
export class ResultView {
	constructor(private readonly elements: PageElements) {}

	show(token: CreatedTokenSummary, key: string | undefined): void {
		const { elements } = this;
		elements.form.hidden = true;
		elements.result.hidden = false;
		setText(elements.actionStatus, '');
		if (key !== undefined) {
			elements.key.value = key;
			setText(elements.resultText, `The token works on ${token.serverLabel} now. Copy the key and keep it secret: anyone who has it can use DHIS2 as you.`);
			setText(elements.keyHelp, 'This is the only time the key is shown. It is already stored in VS Code\'s secret storage; Copy takes it from there.');
		} else {
			// After a reload: the host never posts the key twice, so only its masked form is left to show.
			elements.key.value = token.masked;
			setText(elements.resultText, `The token works on ${token.serverLabel}. Its key is kept in VS Code's secret storage.`);
			setText(elements.keyHelp, 'The key is no longer displayed. Copy still copies it from VS Code\'s secret storage.');
		}
		const parts = [
			token.name === undefined ? `Token ${token.tokenId}` : `Token "${token.name}" (${token.tokenId})`,
			token.context === 'browser' ? 'browser' : 'server or script',
			`expires ${new Date(token.expire).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' })}`,
		];
		setText(elements.keyDetails, parts.join(' · '));
		elements.copy.focus();
	}

	/** Removes the key from the page: the field, its default and anything a selection kept. */
	clearKey(): void {
		const { key } = this.elements;
		key.value = '';
		key.defaultValue = '';
		key.removeAttribute('value');
		window.getSelection()?.removeAllRanges();
	}

	hide(): void {
		this.clearKey();
		this.elements.result.hidden = true;
	}
}
