import assert from 'node:assert/strict';
import { inspect } from 'node:util';
import { ApiKey } from '../../core/dhis2/client/credentials';
import { Dhis2Error } from '../../core/dhis2/client/errors';
import { type TokenRequestInput } from '../../core/dhis2/tokens';
import { type HostToWebviewMessage, type ServerChoice } from '../../core/protocol/webview';
import { generateToken, seededRandom } from '../../core/token';
import {
	type GenerateTokenOptions, GenerateTokenController, type GenerateTokenRequest, type TokenActionRequest,
} from '../../client/webviews/generateTokenController';

/**
 * The host side without VS Code: a port that records what would reach the page. The page itself is
 * exercised against this controller in endToEnd.test.ts.
 */
class RecordingPort {
	readonly messages: HostToWebviewMessage[] = [];
	postMessage(message: HostToWebviewMessage): boolean {
		this.messages.push(structuredClone(message));
		return true;
	}
	ofType<T extends HostToWebviewMessage['type']>(type: T): Extract<HostToWebviewMessage, { type: T }>[] {
		return this.messages.filter((message): message is Extract<HostToWebviewMessage, { type: T }> => message.type === type);
	}
}

const SERVER: ServerChoice = { id: 'play', label: 'DHIS2 Play', url: 'https://play.example.org', production: false };
const INPUT: TokenRequestInput = { context: 'server', name: 'nightly', expiry: { kind: 'preset', days: 30 }, allowedIps: '192.0.2.1', allowedMethods: ['GET'] };
const NOW = Date.UTC(2026, 0, 15);

interface Harness {
	readonly port: RecordingPort;
	readonly controller: GenerateTokenController;
	readonly calls: { generate: GenerateTokenRequest[]; actions: { action: string; request: TokenActionRequest }[]; closed: number; unseen: number };
}

function harness(overrides: Partial<GenerateTokenOptions> = {}): Harness {
	const port = new RecordingPort();
	const calls: Harness['calls'] = { generate: [], actions: [], closed: 0, unseen: 0 };
	const key = new ApiKey(generateToken({ random: seededRandom(21) }));
	const action = (name: string) => (request: TokenActionRequest) => {
		calls.actions.push({ action: name, request });
		return Promise.resolve(`${name} done`);
	};
	const controller = new GenerateTokenController(port, {
		servers: [SERVER],
		now: () => NOW,
		capabilitiesFor: () => Promise.resolve({ capabilities: { supportsCode: true, supportsHead: false }, version: '2.41.5' }),
		generate: (request) => {
			calls.generate.push(request);
			return Promise.resolve({ tokenId: 'jJYrtIVP7qU', key });
		},
		copyKey: action('copyKey'),
		useForHttp: action('useForHttp'),
		writeEnv: action('writeEnv'),
		...overrides,
	}, {
		close: () => {
			calls.closed += 1;
		},
		createdUnseen: () => {
			calls.unseen += 1;
		},
	});
	return { port, controller, calls };
}

describe('generate-token host controller', () => {
	it('posts nothing before the page says ready, then init first', async () => {
		const { port, controller, calls } = harness();
		await controller.receive({ type: 'selectServer', serverId: 'play' });
		await controller.receive({ type: 'generate', requestId: 1, serverId: 'play', input: INPUT });
		assert.equal(port.messages.length, 0);
		assert.equal(calls.generate.length, 0, 'and acts on nothing before the handshake');
		await controller.receive({ type: 'ready' });
		assert.equal(port.messages[0]?.type, 'init');
		assert.deepEqual(port.messages[0], {
			type: 'init', servers: [SERVER], defaults: { context: 'server', expiryDays: 30, allowedMethods: ['GET'] },
		});
	});

	it('stops posting once the page is gone, until it says ready again', async () => {
		const { port, controller } = harness();
		await controller.receive({ type: 'ready' });
		await controller.receive({ type: 'selectServer', serverId: 'play' });
		controller.pageGone();
		await controller.receive({ type: 'selectServer', serverId: 'play' });
		assert.deepEqual(port.messages.map((message) => message.type), ['init', 'capabilities']);
		await controller.receive({ type: 'ready' });
		assert.deepEqual(port.messages.map((message) => message.type), ['init', 'capabilities', 'init']);
		assert.equal((port.messages[2] as { selectedServerId?: string }).selectedServerId, 'play', 'the choice survives the reload');
	});

	it('drops an answer that completes after the page went away', async () => {
		let release: () => void = () => undefined;
		const { port, controller } = harness({
			capabilitiesFor: () => new Promise((resolve) => {
				release = () => resolve({ capabilities: { supportsCode: true, supportsHead: true } });
			}),
		});
		await controller.receive({ type: 'ready' });
		const pending = controller.receive({ type: 'selectServer', serverId: 'play' });
		controller.pageGone();
		release();
		await pending;
		assert.deepEqual(port.messages.map((message) => message.type), ['init'], 'the answer would land in a page mid-reload');
	});

	it('ignores messages outside the protocol without calling anything', async () => {
		const { port, controller, calls } = harness();
		await controller.receive({ type: 'ready' });
		for (const message of [
			null, 'ready', { type: 'generate', requestId: 1, serverId: 'play', input: { ...INPUT, context: 'everywhere' } },
			{ type: 'generate', requestId: -1, serverId: 'play', input: INPUT },
			{ type: 'copyKey' }, { type: 'openExternal', url: 'https://evil.example' },
		]) await controller.receive(message);
		assert.deepEqual(calls.generate, []);
		assert.deepEqual(port.messages.map((message) => message.type), ['init']);
	});

	it('re-validates the input and never calls generate for values DHIS2 would reject', async () => {
		const { port, controller, calls } = harness();
		await controller.receive({ type: 'ready' });
		await controller.receive({ type: 'generate', requestId: 4, serverId: 'play', input: { ...INPUT, allowedIps: '10.0.0.0/8', allowedMethods: ['GET', 'HEAD'] } });
		assert.deepEqual(calls.generate, []);
		const [result] = port.ofType('generateResult');
		assert.equal(result?.requestId, 4);
		assert.equal(result?.result.kind, 'invalid');
		const fields = result?.result.kind === 'invalid' ? result.result.problems.map((problem) => problem.field).sort() : [];
		assert.deepEqual(fields, ['allowedIps', 'allowedMethods']);
	});

	it('passes the handler the validated body, posts the key once, and keeps no copy of it', async () => {
		const { port, controller, calls } = harness();
		await controller.receive({ type: 'ready' });
		await controller.receive({ type: 'generate', requestId: 2, serverId: 'play', input: INPUT });
		assert.equal(calls.generate.length, 1);
		assert.deepEqual(calls.generate[0]?.body, {
			expire: NOW + 30 * 86_400_000, code: 'nightly',
			attributes: [{ type: 'IpAllowedList', allowedIps: ['192.0.2.1'] }, { type: 'MethodAllowedList', allowedMethods: ['GET'] }],
		});
		const created = port.ofType('generateResult')[0]?.result;
		assert.equal(created?.kind, 'created');
		const key = created?.kind === 'created' ? created.key : '';
		assert.match(key, /^d2p_/);
		assert.equal(created?.kind === 'created' ? created.token.masked : '', new ApiKey(key).masked);

		// Everything the controller holds except the port, which here records what was posted.
		const held = inspect({ ...controller, port: undefined }, { depth: Infinity, showHidden: true });
		assert.ok(held.includes('jJYrtIVP7qU'), 'the inspection does reach the created token\'s summary');
		assert.equal(held.includes(key), false, 'the controller keeps no reference to the key');
		await controller.receive({ type: 'ready' });
		const reinit = port.messages.at(-1);
		assert.equal(reinit?.type, 'init');
		assert.equal(reinit?.type === 'init' ? reinit.created?.tokenId : undefined, 'jJYrtIVP7qU');
		const keyPosts = port.messages.filter((message) => JSON.stringify(message).includes(key));
		assert.equal(keyPosts.length, 1, 'posted exactly once');
		await controller.receive({ type: 'generate', requestId: 3, serverId: 'play', input: INPUT });
		assert.equal(calls.generate.length, 1, 'one token per page');
	});

	it('maps a taken name and a rejected referrer to their fields, anything else to an explanation', async () => {
		const cases: { error: Error; input: TokenRequestInput; expect: unknown }[] = [
			{
				error: new Dhis2Error('name-taken', { status: 409, explanation: 'Token name already exists.', nextStep: 'Choose a different token name.' }),
				input: INPUT,
				expect: { kind: 'invalid', field: 'name', lines: undefined },
			},
			{
				error: new Dhis2Error('invalid-attribute', { status: 409, explanation: 'DHIS2 rejected the allowed referrer "https://apps.example.test/".', nextStep: 'Use a real domain.', attribute: { field: 'referrer', value: 'https://apps.example.test/' } }),
				input: { context: 'browser', expiry: { kind: 'preset', days: 7 }, allowedReferrers: 'https://apps.example.org/\nhttps://apps.example.test/', allowedMethods: ['GET'] },
				expect: { kind: 'invalid', field: 'allowedReferrers', lines: [2] },
			},
			{
				error: new Dhis2Error('timeout', { explanation: 'DHIS2 did not answer within 30 seconds.', nextStep: 'Try again later.' }),
				input: INPUT,
				expect: { kind: 'failed', field: undefined, lines: undefined },
			},
		];
		for (const { error, input, expect } of cases) {
			const { port, controller } = harness({ generate: () => Promise.reject(error) });
			await controller.receive({ type: 'ready' });
			await controller.receive({ type: 'generate', requestId: 9, serverId: 'play', input });
			const result = port.ofType('generateResult')[0]?.result;
			const problem = result?.kind === 'invalid' ? result.problems[0] : undefined;
			assert.deepEqual({ kind: result?.kind, field: problem?.field, lines: problem?.lines?.map((line) => line.line) }, expect, error.message);
			assert.deepEqual(port.ofType('busy').map((message) => message.busy), [true, false]);
		}
	});

	it('acts only on the token this page created', async () => {
		const { port, controller, calls } = harness();
		await controller.receive({ type: 'ready' });
		await controller.receive({ type: 'copyKey', tokenId: 'jJYrtIVP7qU' });
		assert.equal(calls.actions.length, 0, 'nothing created yet');
		await controller.receive({ type: 'generate', requestId: 1, serverId: 'play', input: INPUT });
		await controller.receive({ type: 'copyKey', tokenId: 'someoneElse' });
		await controller.receive({ type: 'copyKey', tokenId: 'jJYrtIVP7qU' });
		await controller.receive({ type: 'writeEnv', tokenId: 'jJYrtIVP7qU' });
		assert.deepEqual(calls.actions.map(({ action, request }) => [action, request.tokenId, request.server.id]), [['copyKey', 'jJYrtIVP7qU', 'play'], ['writeEnv', 'jJYrtIVP7qU', 'play']]);
		assert.deepEqual(port.ofType('actionResult').map(({ ok, message }) => [ok, message]), [
			[false, 'This page can only act on the token it created.'],
			[false, 'This page can only act on the token it created.'],
			[true, 'copyKey done'],
			[true, 'writeEnv done'],
		]);
		await controller.receive({ type: 'close' });
		assert.equal(calls.closed, 1);
	});

	it('reports a failed action with its reason, redacted', async () => {
		const leaked = generateToken({ random: seededRandom(23) });
		const { port, controller } = harness({
			copyKey: () => Promise.reject(new Error(`The key is no longer stored in VS Code (was ${leaked}).`)),
			writeEnv: () => Promise.reject(new Dhis2Error('invalid-setting', { explanation: 'No workspace folder is open.', nextStep: 'Open a folder first.' })),
		});
		await controller.receive({ type: 'ready' });
		await controller.receive({ type: 'generate', requestId: 1, serverId: 'play', input: INPUT });
		await controller.receive({ type: 'copyKey', tokenId: 'jJYrtIVP7qU' });
		await controller.receive({ type: 'writeEnv', tokenId: 'jJYrtIVP7qU' });
		const [copy, env] = port.ofType('actionResult');
		assert.equal(copy?.ok, false);
		assert.match(copy?.message ?? '', /^Could not copy the key: The key is no longer stored in VS Code \(was d2p_/);
		assert.equal(copy?.message.includes(leaked), false);
		assert.equal(env?.message, 'Could not write the .env file: No workspace folder is open. Open a folder first.');
	});

	it('when the page reloads mid-request, shows the created token again without the key and says where it is', async () => {
		let release: () => void = () => undefined;
		const gate = new Promise<void>((resolve) => {
			release = resolve;
		});
		const key = new ApiKey(generateToken({ random: seededRandom(22) }));
		const { port, controller, calls } = harness({
			generate: async () => {
				await gate;
				return { tokenId: 'jJYrtIVP7qU', key };
			},
		});
		await controller.receive({ type: 'ready' });
		const pending = controller.receive({ type: 'generate', requestId: 1, serverId: 'play', input: INPUT });
		await new Promise((resolve) => setImmediate(resolve));
		controller.pageGone();
		await controller.receive({ type: 'ready' });
		assert.deepEqual(port.messages.slice(-2).map((message) => message.type === 'busy' ? `busy:${message.busy}` : message.type), ['init', 'busy:true']);
		release();
		await pending;
		const last = port.messages.at(-1);
		assert.equal(last?.type === 'init' ? last.created?.masked : undefined, key.masked);
		assert.equal(JSON.stringify(port.messages).includes(key.reveal()), false, 'the new page never gets the key');
		assert.equal(calls.unseen, 1);
	});

	it('reports a failed capabilities lookup with its explanation and asks again on retry', async () => {
		let attempts = 0;
		const { port, controller } = harness({
			capabilitiesFor: () => {
				attempts += 1;
				if (attempts === 1) return Promise.reject(new Dhis2Error('unreachable', { explanation: 'Could not reach play.example.org.', nextStep: 'Check your connection.' }));
				return Promise.resolve({ capabilities: { supportsCode: true, supportsHead: true } });
			},
		});
		await controller.receive({ type: 'ready' });
		await controller.receive({ type: 'selectServer', serverId: 'play' });
		await controller.receive({ type: 'selectServer', serverId: 'play' });
		assert.deepEqual(port.ofType('capabilities').map((message) => message.state), [
			{ status: 'failed', explanation: 'Could not reach play.example.org.', nextStep: 'Check your connection.' },
			{ status: 'known', capabilities: { supportsCode: true, supportsHead: true } },
		]);
	});
});
