/** The few DOM helpers the webviews share. Text only ever goes in through `textContent`. */

type ElementType<T extends HTMLElement> = { new (): T; readonly prototype: T };

/** The element with this id, of this type: a missing or mistyped element is a bug in the page, not a state to handle. */
export function byId<T extends HTMLElement>(id: string, type: ElementType<T>): T {
	const found = document.getElementById(id);
	if (!(found instanceof type)) throw new Error(`The page has no ${type.name} #${id}.`);
	return found;
}

/** Replaces the element's content with plain text (or nothing). */
export function setText(element: HTMLElement, text: string): void {
	element.textContent = text;
}

export function appendText<K extends keyof HTMLElementTagNameMap>(parent: HTMLElement, tag: K, text: string, className?: string): HTMLElementTagNameMap[K] {
	const child = document.createElement(tag);
	child.textContent = text;
	if (className !== undefined) child.className = className;
	parent.append(child);
	return child;
}

function tokensOf(element: HTMLElement, attribute: string): string[] {
	return (element.getAttribute(attribute) ?? '').split(/\s+/).filter((token) => token !== '');
}

/** Adds or removes one id in a space-separated attribute such as `aria-describedby`. */
export function toggleToken(element: HTMLElement, attribute: string, token: string, present: boolean): void {
	const tokens = tokensOf(element, attribute).filter((existing) => existing !== token);
	if (present) tokens.push(token);
	if (tokens.length === 0) element.removeAttribute(attribute);
	else element.setAttribute(attribute, tokens.join(' '));
}

export function setInvalid(element: HTMLElement, invalid: boolean): void {
	if (invalid) element.setAttribute('aria-invalid', 'true');
	else element.removeAttribute('aria-invalid');
}
