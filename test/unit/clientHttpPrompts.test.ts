import assert from 'node:assert/strict';
import { decideInjection, type InjectionPolicy } from '../../core/http/inject';
import { answerOf, confirmationPrompt, InsecureHttpConsent, notePrompt } from '../../client/http/confirmations';
import { type FailureInput, failureText } from '../../client/http/failureText';
import { passes, type RunResult, summariseRun } from '../../client/http/runSummary';

const token = (): Promise<string | undefined> => Promise.resolve(undefined);

const POLICY: InjectionPolicy = {
	servers: [
		{ baseUrl: 'http://dhis2.lan.example:8080/dhis', token, label: 'lan' },
		{ baseUrl: 'http://other.lan.example', token, label: 'other' },
		{ baseUrl: 'https://hmis.example.org', token, production: true, label: 'HMIS' },
		{ baseUrl: 'http://localhost:8080', token, label: 'local' },
	],
};

function confirmationsFor(method: string, url: string, policy: InjectionPolicy = POLICY) {
	return decideInjection({ method, url, headers: [], wantsDhis2Token: false }, policy).confirmations;
}

describe('client .http: confirmation decisions → prompts', () => {
	it('plain http with a token to a non-loopback host asks once per server per window', () => {
		const consent = new InsecureHttpConsent();
		const first = confirmationPrompt(confirmationsFor('GET', 'http://dhis2.lan.example:8080/dhis/api/me'), consent.servers);
		assert.ok(first);
		assert.equal(first.message, 'Send the DHIS2 token over plain http?');
		assert.equal(first.send, 'Send over HTTP');
		assert.deepEqual(first.rememberInsecure, ['http://dhis2.lan.example:8080/dhis']);
		assert.match(first.detail, /once per server in this window/);
		consent.remember(first);
		assert.equal(confirmationPrompt(confirmationsFor('GET', 'http://dhis2.lan.example:8080/dhis/api/me'), consent.servers), undefined, 'not asked again');
		assert.ok(confirmationPrompt(confirmationsFor('GET', 'http://other.lan.example/api/me'), consent.servers), 'another server is asked about');
		assert.ok(confirmationPrompt(confirmationsFor('GET', 'http://dhis2.lan.example:8080/dhis/api/me'), new InsecureHttpConsent().servers), 'a new window asks again');
		consent.forget();
		assert.ok(confirmationPrompt(confirmationsFor('GET', 'http://dhis2.lan.example:8080/dhis/api/me'), consent.servers), 'forgotten when the servers change');
	});

	it('loopback over http and https anywhere ask nothing', () => {
		assert.equal(confirmationPrompt(confirmationsFor('GET', 'http://localhost:8080/api/me'), new Set()), undefined);
		assert.equal(confirmationPrompt(confirmationsFor('GET', 'https://hmis.example.org/api/me'), new Set()), undefined);
	});

	it('production servers ask before POST, PUT, PATCH and DELETE, every time, and lead with that', () => {
		for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) {
			const prompt = confirmationPrompt(confirmationsFor(method, 'https://hmis.example.org/api/dataValueSets'), new Set(['https://hmis.example.org']));
			assert.ok(prompt, method);
			assert.equal(prompt.message, 'Send this change to a production server?');
			assert.equal(prompt.send, 'Send to Production');
			assert.match(prompt.detail, new RegExp(`HMIS \\(https://hmis\\.example\\.org\\) is a production server: really send ${method}`));
			assert.deepEqual(prompt.rememberInsecure, []);
		}
		assert.equal(confirmationPrompt(confirmationsFor('GET', 'https://hmis.example.org/api/me'), new Set()), undefined);
	});

	it('an untrusted workspace asks before every send, whatever the target', () => {
		const untrusted = { ...POLICY, untrusted: true };
		for (const url of ['http://localhost:8080/api/me', 'https://example.com/', 'https://hmis.example.org/api/me']) {
			const confirmations = confirmationsFor('GET', url, untrusted);
			const prompt = confirmationPrompt(confirmations, new Set());
			assert.ok(prompt, url);
			assert.equal(prompt.message, 'Send this request from an untrusted workspace?');
			assert.equal(decideInjection({ method: 'GET', url, headers: [], wantsDhis2Token: false }, untrusted).injects, false);
		}
		const write = confirmationPrompt(confirmationsFor('POST', 'https://hmis.example.org/api/x', untrusted), new Set());
		assert.equal(write?.message, 'Send this change to a production server?', 'the more serious reason leads');
		assert.equal(write?.detail.split('\n\n').length, 2, 'both reasons are listed');
	});

	it('offers Skip only during Send All, and maps the answers', () => {
		const confirmations = confirmationsFor('DELETE', 'https://hmis.example.org/api/x');
		const single = confirmationPrompt(confirmations, new Set());
		const batch = confirmationPrompt(confirmations, new Set(), { batch: true, title: 'delete-it' });
		assert.ok(single && batch);
		assert.equal(single.skip, undefined);
		assert.equal(batch.skip, 'Skip This Request');
		assert.match(batch.message, /\(delete-it\)$/);
		assert.equal(answerOf(batch, batch.send), 'send');
		assert.equal(answerOf(batch, batch.skip), 'skip');
		assert.equal(answerOf(batch, undefined), 'stop');
		assert.equal(answerOf(single, 'Skip This Request'), 'stop');
	});

	it('# @note asks with the file\'s note', () => {
		const prompt = notePrompt('  Deletes all data values of 2024!  ', 'purge');
		assert.equal(prompt.message, 'Send purge?');
		assert.equal(prompt.detail, 'Note from the request file: Deletes all data values of 2024!');
		assert.match(notePrompt('', 'purge').detail, /asks for a confirmation/);
		assert.equal(notePrompt('x', 'purge', { batch: true }).skip, 'Skip This Request');
	});
});

describe('client .http: failures and Send All summary', () => {
	const refused: FailureInput = { kind: 'token-refused', explanation: 'Refused: no server.', nextStep: 'Nothing was sent.', decision: { server: { baseUrl: 'https://a.example', label: 'a', production: false, index: 0 } } };

	it('a refused injection shows the policy\'s explanation, with the button that fixes it', () => {
		assert.deepEqual(failureText(refused, 'GET /api/me', { trusted: true, serverHasStoredTokens: true }), {
			message: 'GET /api/me was not sent: Refused: no server. Nothing was sent.',
			actions: [{ kind: 'chooseToken', label: 'Choose Token…' }],
		});
		assert.deepEqual(failureText(refused, 't', { trusted: true, serverHasStoredTokens: false })?.actions, [{ kind: 'generateToken', label: 'Generate Token…', argument: 'https://a.example' }]);
		assert.deepEqual(failureText(refused, 't', { trusted: false, serverHasStoredTokens: true })?.actions.map((action) => action.kind), ['manageTrust']);
		assert.deepEqual(failureText({ kind: 'tls', explanation: 'Bad cert.', nextStep: 'Add the CA.' }, 't', { trusted: true, serverHasStoredTokens: false })?.actions, [{ kind: 'openSettings', label: 'Open Settings', argument: 'dhis2.http.caCertificates' }]);
		assert.equal(failureText({ kind: 'timeout', explanation: 'Slow.', nextStep: 'Retry.' }, 'x', { trusted: true, serverHasStoredTokens: false })?.message, 'x failed: Slow. Retry.');
	});

	it('says nothing more for a cancel or a declined confirmation', () => {
		assert.equal(failureText({ kind: 'cancelled', explanation: '', nextStep: '' }, 'x', { trusted: true, serverHasStoredTokens: false }), undefined);
		assert.equal(failureText({ kind: 'not-confirmed', explanation: '', nextStep: '' }, 'x', { trusted: true, serverHasStoredTokens: false }), undefined);
	});

	it('counts passed (2xx/3xx) and failed by status, skipped and unsent', () => {
		assert.ok(passes(200) && passes(304) && !passes(199) && !passes(400) && !passes(500));
		const results: RunResult[] = [
			{ kind: 'response', status: 200 }, { kind: 'response', status: 302 }, { kind: 'response', status: 401 }, { kind: 'response', status: 401 },
			{ kind: 'response', status: 500 }, { kind: 'failed', failure: 'timeout' }, { kind: 'invalid' }, { kind: 'skipped' },
		];
		const summary = summariseRun(results, 10, true);
		assert.deepEqual([summary.passed, summary.failed, summary.skipped], [2, 5, 1]);
		assert.equal(summary.message, 'Sent 7 of 10 requests: 2 passed, 5 failed (401 ×2, 500, timeout, not resolved); 1 skipped; stopped before 2 requests.');
		assert.equal(summary.severity, 'warning');
		const clean = summariseRun([{ kind: 'response', status: 204 }], 1, false);
		assert.equal(clean.message, 'Sent 1 request: 1 passed, 0 failed.');
		assert.equal(clean.severity, 'info');
	});
});
