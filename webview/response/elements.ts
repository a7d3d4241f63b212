import { byId } from '../shared/dom';

/** Every element of the response page the script writes to or listens on, found once. */
export function responseElements() {
	return {
		status: byId('page-status', HTMLParagraphElement),
		response: byId('response', HTMLElement),
		title: byId('title', HTMLHeadingElement),
		method: byId('method', HTMLSpanElement),
		url: byId('url', HTMLSpanElement),
		statusBadge: byId('status', HTMLSpanElement),
		time: byId('time', HTMLSpanElement),
		size: byId('size', HTMLSpanElement),
		typeFact: byId('type-fact', HTMLSpanElement),
		contentType: byId('content-type', HTMLSpanElement),
		environmentFact: byId('env-fact', HTMLSpanElement),
		environment: byId('environment', HTMLSpanElement),
		injection: byId('injection', HTMLParagraphElement),
		saveBody: byId('save-body', HTMLButtonElement),
		copyCurl: byId('copy-curl', HTMLButtonElement),
		sendAgain: byId('send-again', HTMLButtonElement),
		actionStatus: byId('action-status', HTMLParagraphElement),
		explanation: byId('explanation', HTMLDivElement),
		explanationTitle: byId('explanation-title', HTMLParagraphElement),
		explanationDetail: byId('explanation-detail', HTMLParagraphElement),
		explanationActions: byId('explanation-actions', HTMLDivElement),
		tabs: {
			body: byId('tab-body', HTMLButtonElement),
			headers: byId('tab-headers', HTMLButtonElement),
			request: byId('tab-request', HTMLButtonElement),
		},
		panels: {
			body: byId('panel-body', HTMLElement),
			headers: byId('panel-headers', HTMLElement),
			request: byId('panel-request', HTMLElement),
		},
		headerCount: byId('header-count', HTMLSpanElement),
		hopCount: byId('hop-count', HTMLSpanElement),
		bodyNote: byId('body-note', HTMLParagraphElement),
		body: byId('body', HTMLDivElement),
		headers: byId('headers', HTMLTableSectionElement),
		hops: byId('hops', HTMLDivElement),
	};
}

export type ResponseElements = ReturnType<typeof responseElements>;
