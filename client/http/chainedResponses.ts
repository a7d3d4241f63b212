import { type HttpExchange } from '../../core/http/send';
import { type RecordedResponse } from '../../core/http/variables';
import { mediaTypeOf } from './responseModel';

/**
 * The response a later request may reference (`{{login.response.body.$.id}}`): JSON parsed, other
 * text as text, bytes as bytes. A body that went to a temporary file is not loaded back for this;
 * references into it find an empty body. Headers are the recorded (masked) ones, so a cookie or a
 * credential never flows from one request into another through a reference.
 */
export function recordedResponseOf(exchange: HttpExchange): RecordedResponse {
	const headers: Record<string, string> = {};
	for (const { name, value } of exchange.response.headers) {
		const key = name.toLowerCase();
		if (!(key in headers)) headers[key] = value;
	}
	const { body, contentType } = exchange.response;
	if (body.kind === 'file') return { body: '', headers };
	const type = mediaTypeOf(contentType);
	const isText = type === '' || /json|^text\/|xml|javascript|x-www-form-urlencoded/.test(type);
	if (!isText) return { body: body.bytes, headers };
	const text = new TextDecoder().decode(body.bytes);
	if (/json/.test(type)) {
		try {
			return { body: JSON.parse(text) as unknown, headers };
		} catch {
			return { body: text, headers };
		}
	}
	return { body: text, headers };
}

/** The last response of every named request, per request file, for this window only. */
export class ChainedResponses {
	private readonly byFile = new Map<string, Map<string, RecordedResponse>>();

	record(file: string, name: string | undefined, exchange: HttpExchange): void {
		if (name === undefined) return;
		let responses = this.byFile.get(file);
		if (!responses) {
			responses = new Map();
			this.byFile.set(file, responses);
		}
		responses.set(name, recordedResponseOf(exchange));
	}

	lookup(file: string): (name: string) => RecordedResponse | undefined {
		return (name) => this.byFile.get(file)?.get(name);
	}

	forget(file: string): void {
		this.byFile.delete(file);
	}
}
