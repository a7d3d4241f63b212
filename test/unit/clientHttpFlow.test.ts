import assert from 'node:assert/strict';
import { networkInterfaces } from 'node:os';
import { type Emulator, startEmulator } from '../../core/dhis2/emulator';
import { formatDate } from '../../core/dhis2/tokens';
import { type ResolvedRequest } from '../../core/http/model';
import { parseHttpFile } from '../../core/http/parse';
import { closeSharedSenders } from '../../core/http/send';
import { resolveRequest } from '../../core/http/variables';
import { fingerprint, mask } from '../../core/token';
import { MemoryMetadataStore, MemorySecretStore, type StoredToken, TokenVault } from '../../core/vault';
import { curlForClipboard } from '../../client/http/bodyActions';
import { type ConfirmationAnswer, type ConfirmationPrompt, InsecureHttpConsent } from '../../client/http/confirmations';
import { failureText } from '../../client/http/failureText';
import { historyEntry } from '../../client/http/history';
import { type SendFlowInput, type SendFlowResult, sendWithPolicy } from '../../client/http/sendFlow';
import { type ServerEntry } from '../../client/servers/serverList';
import { assertNoKey, type RecordingServer, startRecordingServer } from '../support/recordingServer';

const DAY = 24 * 60 * 60 * 1000;

/** A request as the parser and resolver make it from file text: no hand-built shapes. */
async function resolved(text: string, variables: Record<string, string> = {}): Promise<ResolvedRequest> {
	const file = parseHttpFile(text);
	const [request] = file.requests;
	assert.ok(request, 'the text holds a request');
	const result = await resolveRequest(file, request, {
		env: {}, dotenv: () => undefined, environment: variables, readFile: () => new Uint8Array(), baseDir: '/', now: () => Date.now(), random: Math.random,
	});
	assert.ok(result.ok, result.ok ? '' : JSON.stringify(result.problems));
	return result.request;
}

interface Asked {
	readonly prompts: ConfirmationPrompt[];
	readonly ask: (prompt: ConfirmationPrompt) => Promise<ConfirmationAnswer>;
}

/** Plays the person at the dialog: answers in order, recording what was asked. */
function answering(...answers: ConfirmationAnswer[]): Asked {
	const prompts: ConfirmationPrompt[] = [];
	return {
		prompts,
		ask: (prompt) => {
			prompts.push(prompt);
			return Promise.resolve(answers.shift() ?? 'stop');
		},
	};
}

function storedToken(serverUrl: string, id: string, key: string, extra: Partial<StoredToken> = {}): StoredToken {
	return {
		serverUrl, id, idKnown: true, name: 'ci', context: 'server', expire: Date.now() + 30 * DAY, lifetimeMs: 30 * DAY,
		restrictions: { allowedIps: [], allowedReferrers: [], allowedMethods: [] }, created: Date.now(), masked: mask(key), fingerprint: fingerprint(key),
		...extra,
	};
}

describe('client .http: send through the vault policy (emulator, recording server)', function () {
	let emulator: Emulator;
	let other: RecordingServer;
	let vault: TokenVault;
	let server: ServerEntry;
	let viewId = 0;

	const send = (request: ResolvedRequest, extra: Partial<SendFlowInput> & { ask?: Asked['ask'] } = {}): Promise<SendFlowResult> => sendWithPolicy({
		request,
		servers: [server],
		vault,
		trusted: true,
		consent: new InsecureHttpConsent(),
		ask: answering().ask,
		timeoutMs: 5000,
		maxInMemoryBytes: 5 * 1024 * 1024,
		viewId: ++viewId,
		now: () => emulator.now(),
		...extra,
	});

	/** A fresh token on the emulator, stored in the vault and made the one `.http` requests use. */
	async function activeToken(body: Record<string, unknown> = {}, extra: Partial<StoredToken> = {}): Promise<{ key: string; id: string }> {
		const created = emulator.createToken('admin', { expire: emulator.now() + 30 * DAY, ...body });
		await vault.store(storedToken(server.url, created.uid, created.key, { expire: emulator.now() + 30 * DAY, ...extra }), created.key);
		await vault.setActive(server.url, created.uid);
		return { key: created.key, id: created.uid };
	}

	before(async () => {
		emulator = await startEmulator({ port: 0, version: '2.41.6' });
		other = await startRecordingServer();
		other.route('/api/me', { status: 200, headers: { 'content-type': 'application/json' }, body: '{"ok":true}' });
	});
	beforeEach(() => {
		vault = new TokenVault(new MemorySecretStore(), new MemoryMetadataStore());
		server = { url: emulator.url, label: 'local', production: false };
		emulator.clearRequests();
		other.clear();
	});
	after(async () => {
		await closeSharedSenders();
		await emulator.close();
		await other.close();
	});

	it('injects the active token for the matching server; the view model, cURL and history never hold the key', async () => {
		const { key } = await activeToken();
		const result = await send(await resolved(`GET ${emulator.url}/api/me?fields=id,username&password=hunter2`));
		assert.equal(result.kind, 'response');
		if (result.kind !== 'response') return;
		assert.equal(result.model.status, 200);
		assert.equal(result.model.body.kind, 'json');
		assert.match(result.model.body.kind === 'json' ? result.model.body.text : '', /"username"\s*:\s*"admin"/);
		assert.match(result.model.injection, /Sending the token of local/);
		const sent = result.model.hops[0]?.headers.find((header) => header.name.toLowerCase() === 'authorization');
		assert.equal(sent?.value, `ApiToken ${mask(key)}`);
		assert.ok(result.model.hops[0]?.tokenSent);
		assertNoKey(JSON.stringify(result.model), key, 'the view model');

		const curl = curlForClipboard(result.exchange);
		assert.ok(curl.usesToken);
		assert.match(curl.text, /-H "Authorization: ApiToken \$\{DHIS2_TOKEN\}"/);
		assertNoKey(curl.text, key, 'the cURL text');

		const entry = historyEntry({ at: 1, method: 'get', url: result.exchange.hops[0]?.request.url ?? '', status: 200, timeMs: 12 });
		assert.equal(entry.url, `${emulator.url}/api/me?fields=id,username&password=********`);
		assertNoKey(JSON.stringify(entry), key, 'the history entry');
		assert.deepEqual(Object.keys(entry).sort(), ['at', 'method', 'status', 'timeMs', 'url']);
		assert.equal(result.token?.serverUrl, server.url);
	});

	it('explains an expired token with its date from the vault, and offers Rotate', async () => {
		await activeToken({ expire: emulator.now() + DAY }, { expire: emulator.now() + DAY });
		emulator.advanceTime(2 * DAY);
		const result = await send(await resolved(`GET ${emulator.url}/api/me`));
		assert.equal(result.kind, 'response');
		if (result.kind !== 'response') return;
		assert.equal(result.model.status, 401);
		const explanation = result.model.explanation;
		assert.ok(explanation);
		const token = vault.list(server.url)[0];
		assert.ok(token);
		assert.equal(explanation.title, `Token "ci" (${token.masked}) expired on ${formatDate(token.expire)}`);
		assert.match(explanation.detail, /Rotate it/);
		assert.deepEqual(explanation.actions.map((action) => action.id), ['rotateToken', 'showTokenDetails']);
	});

	it('explains a token blocked by its IP allowlist, naming the allowed addresses', async () => {
		await activeToken({ attributes: [{ type: 'IpAllowedList', allowedIps: ['192.0.2.10'] }] }, { restrictions: { allowedIps: ['192.0.2.10'], allowedReferrers: [], allowedMethods: [] } });
		const result = await send(await resolved(`GET ${emulator.url}/api/me`));
		assert.ok(result.kind === 'response' && result.model.status === 401);
		assert.match(result.model.explanation?.title ?? '', /^Blocked by the IP allowlist of token "ci"/);
		assert.match(result.model.explanation?.detail ?? '', /only accepts requests from 192\.0\.2\.10\./);
	});

	it('explains a method the token does not allow: "POST is not allowed for token …, it allows only GET"', async () => {
		await activeToken({ attributes: [{ type: 'MethodAllowedList', allowedMethods: ['GET'] }] }, { restrictions: { allowedIps: [], allowedReferrers: [], allowedMethods: ['GET'] } });
		const result = await send(await resolved(`POST ${emulator.url}/api/dataValueSets\nContent-Type: application/json\n\n{}`));
		assert.ok(result.kind === 'response' && result.model.status === 401, result.kind === 'response' ? String(result.model.status) : result.error.kind);
		assert.match(result.model.explanation?.title ?? '', /^POST is not allowed for token "ci"/);
		assert.match(result.model.explanation?.detail ?? '', /allows only GET\./);
	});

	it('says no token was sent when the server has stored tokens but none is chosen for .http, and offers to choose one', async () => {
		const created = emulator.createToken('admin', { expire: emulator.now() + DAY });
		await vault.store(storedToken(server.url, created.uid, created.key), created.key);
		const result = await send(await resolved(`GET ${emulator.url}/api/me\nX-Requested-With: XMLHttpRequest`));
		assert.ok(result.kind === 'response' && result.model.status === 401);
		assert.match(result.model.explanation?.title ?? '', /^No token was sent to "local"/);
		assert.deepEqual(result.model.explanation?.actions.map((action) => action.id), ['chooseToken']);
		assert.equal(emulator.requests.at(-1)?.headers?.authorization, undefined);
	});

	it('asks before every write to a production server, and sends nothing when the answer is no', async () => {
		server = { ...server, production: true };
		await activeToken();
		const declined = answering('stop');
		const before = emulator.requests.length;
		const refused = await send(await resolved(`DELETE ${emulator.url}/api/apiToken/abc`), { ask: declined.ask });
		assert.equal(refused.kind, 'failed');
		assert.equal(refused.kind === 'failed' ? refused.error.kind : '', 'not-confirmed');
		assert.equal(refused.kind === 'failed' ? refused.answer : '', 'stop');
		assert.equal(declined.prompts[0]?.send, 'Send to Production');
		assert.equal(emulator.requests.length, before, 'nothing reached the server');

		const consent = new InsecureHttpConsent();
		const agreed = answering('send', 'send');
		await send(await resolved(`POST ${emulator.url}/api/me`), { ask: agreed.ask, consent });
		await send(await resolved(`POST ${emulator.url}/api/me`), { ask: agreed.ask, consent });
		assert.equal(agreed.prompts.length, 2, 'a production write asks every time');
		const reads = answering();
		const read = await send(await resolved(`GET ${emulator.url}/api/me`), { ask: reads.ask, consent });
		assert.equal(reads.prompts.length, 0, 'reads do not ask');
		assert.equal(read.kind === 'response' ? read.model.status : 0, 200);
	});

	it('in an untrusted workspace asks before every send and never injects, even for a configured server', async () => {
		const { key } = await activeToken();
		const asked = answering('send', 'send');
		const consent = new InsecureHttpConsent();
		for (let attempt = 0; attempt < 2; attempt++) {
			const result = await send(await resolved(`GET ${emulator.url}/api/me\nX-Requested-With: XMLHttpRequest`), { trusted: false, ask: asked.ask, consent });
			assert.equal(result.kind === 'response' ? result.model.status : 0, 401);
			assert.equal(result.kind === 'response' ? result.model.hops[0]?.tokenSent : true, false);
		}
		assert.equal(asked.prompts.length, 2);
		assert.match(asked.prompts[0]?.message ?? '', /untrusted workspace/);
		assert.ok(emulator.requests.every((request) => request.headers?.authorization === undefined));
		assertNoKey(JSON.stringify(emulator.requests), key, 'the emulator in an untrusted workspace');

		const silent = answering();
		const wants = await send(await resolved(`GET ${emulator.url}/api/me\nAuthorization: ApiToken {{$dhis2.token}}`), { trusted: false, ask: silent.ask });
		assert.equal(wants.kind === 'failed' ? wants.error.kind : '', 'token-refused');
		assert.equal(silent.prompts.length, 0, 'refused outright, without asking');
	});

	it('refuses a file that asks for the token at another origin, with the policy\'s explanation, and sends nothing', async () => {
		await activeToken();
		const result = await send(await resolved(`GET ${other.url}/api/me\nAuthorization: ApiToken {{$dhis2.token}}`));
		assert.equal(result.kind, 'failed');
		if (result.kind !== 'failed') return;
		assert.equal(result.error.kind, 'token-refused');
		assert.equal(other.requests.length, 0);
		const text = failureText(result.error, 'GET /api/me', { trusted: true, serverHasStoredTokens: true });
		assert.match(text?.message ?? '', /^GET \/api\/me was not sent: Refused: the file asks for the DHIS2 token .* is not under a configured DHIS2 server \(configured: http:\/\/127\.0\.0\.1:\d+\)/);
	});

	it('asks once per server per window before sending a token over plain http to a non-loopback host', async function () {
		const address = Object.values(networkInterfaces()).flat().find((item) => item?.family === 'IPv4' && !item.internal)?.address;
		if (address === undefined) this.skip();
		const remote = await startEmulator({ port: 0, version: '2.41.6', host: address });
		try {
			const remoteServer: ServerEntry = { url: remote.url, label: 'lan', production: false };
			const created = remote.createToken('admin', { expire: remote.now() + DAY });
			await vault.store(storedToken(remote.url, created.uid, created.key), created.key);
			await vault.setActive(remote.url, created.uid);
			const consent = new InsecureHttpConsent();
			const asked = answering('send');
			const request = await resolved(`GET ${remote.url}/api/me`);
			const first = await send(request, { servers: [remoteServer], consent, ask: asked.ask });
			const second = await send(request, { servers: [remoteServer], consent, ask: asked.ask });
			assert.equal(first.kind === 'response' ? first.model.status : 0, 200);
			assert.equal(second.kind === 'response' ? second.model.status : 0, 200);
			assert.equal(asked.prompts.length, 1, 'asked once for this server in this window');
			assert.equal(asked.prompts[0]?.send, 'Send over HTTP');

			const newWindow = answering('stop');
			const declined = await send(request, { servers: [remoteServer], consent: new InsecureHttpConsent(), ask: newWindow.ask });
			assert.equal(newWindow.prompts.length, 1, 'a new window asks again');
			assert.equal(declined.kind === 'failed' ? declined.error.kind : '', 'not-confirmed');
			assert.equal(remote.requests.length, 2, 'the declined request never went out');
		} finally {
			await remote.close();
		}
	});
});
