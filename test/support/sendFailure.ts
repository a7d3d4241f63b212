import assert from 'node:assert/strict';
import { inspect } from 'node:util';
import { HttpSendError } from '../../core/http/send';

/** Awaits a send that must fail with an HttpSendError that explains itself and says what to do next. */
export async function failure(promise: Promise<unknown>): Promise<HttpSendError> {
	try {
		await promise;
	} catch (error) {
		assert.ok(error instanceof HttpSendError, `expected an HttpSendError, got ${inspect(error)}`);
		assert.ok(error.explanation.length > 10 && error.nextStep.length > 5, 'explains and says what to do');
		return error;
	}
	assert.fail('expected the send to fail');
}
