import { describeLineError, type FieldProblem, type TokenRequestField } from '../../core/dhis2/tokens';
import { appendText, byId, setInvalid, toggleToken } from '../shared/dom';
import { type PageElements } from './elements';

/** Fields in page order: the first invalid one gets the focus. */
export const FIELD_ORDER: readonly TokenRequestField[] = ['context', 'name', 'expiry', 'allowedIps', 'allowedReferrers', 'allowedMethods'];

/** Where one field shows its problems. */
interface FieldSlots {
	/** The controls marked `aria-invalid` and described by the error. */
	readonly controls: () => readonly HTMLElement[];
	readonly focusTarget: () => HTMLElement;
	readonly error?: HTMLElement;
	readonly notice?: HTMLElement;
}

function visible(element: HTMLElement): boolean {
	return element.closest('[hidden]') === null;
}

export class FieldDisplay {
	private readonly slots: ReadonlyMap<TokenRequestField, FieldSlots>;

	constructor(private readonly elements: PageElements) {
		const methodBoxes = () => [...elements.methods.values()].filter(visible);
		const expiryControls = () => [elements.expiry, ...(visible(elements.expiryDate) ? [elements.expiryDate] : [])];
		this.slots = new Map<TokenRequestField, FieldSlots>([
			['context', { controls: () => [elements.contextServer, elements.contextBrowser], focusTarget: () => (elements.contextBrowser.checked ? elements.contextBrowser : elements.contextServer) }],
			['name', { controls: () => [elements.name], focusTarget: () => elements.name, error: byId('name-error', HTMLElement), notice: byId('name-notice', HTMLElement) }],
			['expiry', { controls: expiryControls, focusTarget: () => expiryControls().at(-1) ?? elements.expiry, error: byId('expiry-error', HTMLElement) }],
			['allowedIps', { controls: () => [elements.allowedIps], focusTarget: () => elements.allowedIps, error: byId('allowed-ips-error', HTMLElement) }],
			['allowedReferrers', {
				controls: () => [elements.allowedReferrers],
				focusTarget: () => elements.allowedReferrers,
				error: byId('allowed-referrers-error', HTMLElement),
				notice: byId('allowed-referrers-notice', HTMLElement),
			}],
			['allowedMethods', {
				controls: () => [elements.methodsField, ...methodBoxes()],
				focusTarget: () => methodBoxes()[0] ?? elements.methodsField,
				error: byId('methods-error', HTMLElement),
			}],
		]);
	}

	/** Shows the field's error (or clears it), marks its controls and points their description at it. */
	showError(field: TokenRequestField, problem: FieldProblem | undefined): void {
		const slots = this.slots.get(field);
		if (!slots) return;
		const error = slots.error;
		if (error) renderProblem(error, problem);
		for (const control of slots.controls()) {
			setInvalid(control, problem !== undefined);
			if (error) toggleToken(control, 'aria-describedby', error.id, problem !== undefined);
		}
	}

	/** Advice that does not block sending (e.g. a referrer without its trailing slash). */
	showNotice(field: TokenRequestField, problem: FieldProblem | undefined): void {
		const slots = this.slots.get(field);
		if (!slots?.notice) return;
		renderProblem(slots.notice, problem, 'Check before sending:');
		for (const control of slots.controls()) toggleToken(control, 'aria-describedby', slots.notice.id, problem !== undefined);
	}

	focus(field: TokenRequestField): void {
		this.slots.get(field)?.focusTarget().focus();
	}

	/** Marks the controls of hidden fields valid again, so a hidden field never reads as invalid. */
	clearAll(): void {
		for (const field of FIELD_ORDER) {
			this.showError(field, undefined);
			this.showNotice(field, undefined);
		}
	}
}

/**
 * One paragraph for the message, then one list item per offending line ("Line 3 ("10.0.0.0/8"):
 * ranges (CIDR) are not supported…"), so the user can find the line in the text area.
 */
function renderProblem(container: HTMLElement, problem: FieldProblem | undefined, plainHeading = 'Check these lines:'): void {
	container.replaceChildren();
	container.hidden = problem === undefined;
	if (problem === undefined) return;
	const lines = problem.lines ?? [];
	if (lines.length === 0) {
		appendText(container, 'p', problem.message);
		return;
	}
	// Errors start with a summary ("2 invalid IP addresses:"); notices are only the lines themselves.
	const first = problem.message.split('\n')[0] ?? '';
	appendText(container, 'p', lines[0] !== undefined && first === describeLineError(lines[0]) ? plainHeading : first);
	const list = document.createElement('ul');
	for (const line of lines) appendText(list, 'li', describeLineError(line));
	container.append(list);
}
