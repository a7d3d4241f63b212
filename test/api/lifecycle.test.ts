import assert from 'node:assert/strict';
import { type ApiKey, type ApiTokenInfo, Dhis2Client, isDhis2Error } from '../../core/dhis2/client';
import { DEMO_USERS } from '../../core/dhis2/emulator';
import { DAY_MS } from '../../core/dhis2/tokens';
import { generateToken, importToken, revokeToken } from '../../core/lifecycle';
import { generateToken as randomKey, fingerprint, seededRandom } from '../../core/token';
import { TOKENS_METADATA_KEY } from '../../core/vault';
import {
	alice, assertNoKeyIn, generated, HTTP, RevokeElsewhereClient, type Rig, serverInput, startRig, unreachableClient, VERSIONS,
} from './lifecycleSupport';

const random = seededRandom(2041);

for (const version of VERSIONS) {
	const old = version === '2.40';

	describe(`lifecycle: generate (DHIS2 ${version})`, () => {
		let rig: Rig;
		beforeEach(async () => (rig = await startRig(version)));
		afterEach(() => rig.close());

		it('creates the token, stores it, and only then returns the key', async () => {
			const result = await generateToken(rig.deps, serverInput(), rig.client.knownFeatures ?? assert.fail());
			assert.ok(result.ok, JSON.stringify(result));
			const stored = await rig.vault.key(rig.emulator.url, result.token.id);
			assert.ok(stored?.equals(result.key), 'the returned key is already in the vault');
			assert.deepEqual(rig.vault.get(rig.emulator.url, result.token.id), result.token);
			assert.equal(result.token.name, 'ci-token');
			assert.equal(result.token.lifetimeMs, 30 * DAY_MS);
			assert.deepEqual(result.token.restrictions, { allowedIps: ['127.0.0.1'], allowedReferrers: [], allowedMethods: ['GET', 'POST'] });
			assert.equal(result.token.fingerprint, fingerprint(result.key.reveal()));
			assert.ok(result.key.reveal().startsWith(old ? 'd2pat_' : 'd2p_'));
			const [row] = rig.emulator.storedTokens();
			assert.equal(row?.id, result.token.id);
			assert.equal(row?.code, 'ci-token');
			assert.equal(row?.keyHash, result.token.fingerprint);
			const me = await rig.keyClient(result.key).me();
			assert.equal(me.id, DEMO_USERS.normal.id);
			const metadata = JSON.stringify(rig.metadata.get(TOKENS_METADATA_KEY));
			assert.ok(!metadata.includes(result.key.reveal()));
			assertNoKeyIn(JSON.stringify(result), String(result.key));
		});

		it('reports form problems per field without calling the server', async () => {
			rig.emulator.clearRequests();
			const result = await generateToken(rig.deps, serverInput({ allowedIps: '127.0.0.1\n10.0.0.0/8', allowedMethods: [] }), rig.client.knownFeatures ?? assert.fail());
			assert.ok(!result.ok && 'fieldProblems' in result);
			assert.deepEqual(result.fieldProblems.map((problem) => problem.field).sort(), ['allowedIps', 'allowedMethods']);
			assert.equal(result.fieldProblems.find((problem) => problem.field === 'allowedIps')?.lines?.[0]?.line, 2);
			assert.equal(rig.emulator.requests.length, 0);
			assert.equal(rig.emulator.tokenCount(), 0);
		});

		it(`puts the server's attribute rejection (${old ? '400' : '409 E1004'}) on the right field and line`, async () => {
			const input = serverInput({ context: 'browser', allowedReferrers: 'https://apps.example.org/\n\nhttps://Apps.Example/', allowedIps: '' });
			const result = await generateToken(rig.deps, input, rig.client.knownFeatures ?? assert.fail());
			assert.ok(!result.ok && 'fieldProblems' in result, JSON.stringify(result));
			const [problem] = result.fieldProblems;
			assert.equal(problem?.field, 'allowedReferrers');
			assert.deepEqual(problem?.lines?.map((line) => line.line), [3]);
			assert.equal(result.error?.status, old ? 400 : 409);
			if (!old) assert.equal(result.error?.errorCode, 'E1004');
			assert.equal(rig.emulator.tokenCount(), 0);
			assert.deepEqual(rig.vault.list(), []);
		});

		it('puts a taken name (409 E5003) on the name field', async () => {
			rig.emulator.createToken(DEMO_USERS.other.username, { code: 'ci-token' });
			const result = await generateToken(rig.deps, serverInput(), rig.client.knownFeatures ?? assert.fail());
			assert.ok(!result.ok && 'fieldProblems' in result);
			assert.equal(result.fieldProblems[0]?.field, 'name');
			assert.match(result.fieldProblems[0]?.message ?? '', /already exists/);
			assert.equal(result.error?.kind, 'name-taken');
			assert.equal(rig.emulator.tokenCount(), 1);
		});

		it('revokes the new token again when its key cannot be stored', async () => {
			rig.secrets.failStore = () => true;
			const result = await generateToken(rig.deps, serverInput(), rig.client.knownFeatures ?? assert.fail());
			assert.ok(!result.ok && !('fieldProblems' in result));
			assert.equal(result.error.kind, 'secret-storage');
			assert.match(result.error.explanation, /DHIS2 created token "ci-token" \(d2p(?:at)?_\w{4}…\w{4}, id \w{11}\), but its key could not be saved/);
			assert.match(result.error.explanation, /the keychain is locked.*was revoked again/s);
			assert.equal(rig.emulator.tokenCount(), 0, 'nothing left on the server');
			assert.deepEqual(rig.vault.list(), []);
			assert.deepEqual(rig.secrets.keys(), []);
			assertNoKeyIn(result.error.userMessage, JSON.stringify(result.error));
		});

		it('says exactly what is left when the key cannot be stored and the token cannot be revoked', async () => {
			rig.secrets.failStore = () => true;
			const client = new RevokeElsewhereClient(rig.emulator.url, alice, await unreachableClient());
			await client.systemInfo();
			try {
				const result = await generateToken({ ...rig.deps, client }, serverInput(), client.knownFeatures ?? assert.fail());
				assert.ok(!result.ok && !('fieldProblems' in result));
				const [row] = rig.emulator.storedTokens();
				assert.ok(row);
				assert.match(result.error.explanation, /Revoking the new token again also failed: Nothing is accepting connections.*still valid on the server, and nobody has its key/s);
				assert.match(result.error.nextStep, new RegExp(`Revoke token ${row.id} in the DHIS2 User Profile app`));
				assert.deepEqual(rig.vault.list(), []);
			} finally {
				await client.close();
			}
		});
	});

	describe(`lifecycle: revoke (DHIS2 ${version})`, () => {
		let rig: Rig;
		beforeEach(async () => (rig = await startRig(version)));
		afterEach(() => rig.close());

		it(old ? 'revokes, forgets the key, and warns that it may work for up to an hour' : 'revokes and forgets the key; the key stops working at once', async () => {
			const { token, key } = await generated(rig);
			await rig.vault.setActive(rig.emulator.url, token.id);
			const user = rig.keyClient(key);
			await user.me(); // now in the server's auth cache
			const report = await revokeToken(rig.deps, token.id);
			assert.equal(report.outcome, 'revoked');
			assert.equal(report.removedLocally, true);
			assert.equal(rig.vault.get(rig.emulator.url, token.id), undefined);
			assert.equal(await rig.vault.key(rig.emulator.url, token.id), undefined);
			assert.equal(rig.vault.activeId(rig.emulator.url), undefined);
			assert.equal(rig.emulator.tokenCount(), 0);
			assert.match(report.message, /^Revoked token "ci-token" \(d2p(?:at)?_\w{4}…\w{4}, id \w{11}\) on http:\/\/127\.0\.0\.1:\d+\. Its key was removed from VS Code\./);
			assertNoKeyIn(report.message);
			if (old) {
				assert.equal(report.mayStillWorkForMs, 60 * 60 * 1000);
				assert.match(report.message, /may keep working for up to 60 minutes/);
				assert.equal((await user.me()).id, DEMO_USERS.normal.id, 'the cached key still works on 2.37–2.40');
				rig.emulator.advanceTime(60 * 60 * 1000);
			} else {
				assert.equal(report.mayStillWorkForMs, undefined);
				assert.doesNotMatch(report.message, /minutes/);
			}
			await assert.rejects(user.me(), (error: unknown) => isDhis2Error(error, 'token-unknown') && error.status === 401);
		});

		it('treats an already revoked token (404) as done and forgets it too', async () => {
			const { token } = await generated(rig);
			await rig.client.revokeToken(token.id);
			const report = await revokeToken(rig.deps, token.id);
			assert.equal(report.outcome, 'already-revoked');
			assert.match(report.message, /already revoked/);
			assert.equal(rig.vault.get(rig.emulator.url, token.id), undefined);
		});

		it('revokes a token that is not stored here', async () => {
			const { uid } = rig.emulator.createToken(DEMO_USERS.normal.username);
			const report = await revokeToken(rig.deps, uid);
			assert.equal(report.outcome, 'revoked');
			assert.equal(rig.emulator.tokenCount(), 0);
		});

		it('changes nothing when the server cannot be reached', async () => {
			const { token, key } = await generated(rig);
			const client = await unreachableClient();
			try {
				const report = await revokeToken({ ...rig.deps, client }, token.id);
				assert.equal(report.outcome, 'failed');
				assert.equal(report.error?.kind, 'unreachable');
				assert.match(report.message, /Could not revoke token "ci-token".*Nothing was changed: the token still works\. Its key is still stored in VS Code\./s);
				assert.ok(rig.vault.get(rig.emulator.url, token.id));
				assert.equal(rig.emulator.tokenCount(), 1);
				assert.equal((await rig.keyClient(key).me()).id, DEMO_USERS.normal.id);
			} finally {
				await client.close();
			}
		});

		it('reports a revoked token whose key could not be forgotten', async () => {
			const { token } = await generated(rig);
			rig.secrets.failDelete = () => true;
			const report = await revokeToken(rig.deps, token.id);
			assert.equal(report.outcome, 'revoked');
			assert.equal(report.removedLocally, false);
			assert.match(report.message, /But its key could not be removed from VS Code/);
		});
	});

	describe(`lifecycle: import (DHIS2 ${version})`, () => {
		let rig: Rig;
		let clientsMade: number;
		const importDeps = () => ({
			vault: rig.vault,
			serverUrl: rig.emulator.url,
			clientFor: (key: ApiKey) => {
				clientsMade += 1;
				return new Dhis2Client({ baseUrl: rig.emulator.url, credentials: { kind: 'apiToken', key }, http: HTTP });
			},
		});
		beforeEach(async () => {
			rig = await startRig(version);
			clientsMade = 0;
			rig.emulator.clearRequests();
		});
		afterEach(() => rig.close());

		it('stores a working key with the id, name and restrictions of its token', async () => {
			const expire = Date.now() + 10 * DAY_MS;
			const { uid, key } = rig.emulator.createToken(DEMO_USERS.normal.username, {
				code: 'from-profile-app', expire, attributes: [{ type: 'IpAllowedList', allowedIps: ['127.0.0.1'] }, { type: 'MethodAllowedList', allowedMethods: ['GET'] }],
			});
			const result = await importToken(importDeps(), `  ${key}\n`);
			assert.ok(result.ok, JSON.stringify(result));
			assert.equal(result.token.id, uid);
			assert.equal(result.token.idKnown, true);
			assert.equal(result.token.name, 'from-profile-app');
			assert.equal(result.token.context, 'server');
			assert.deepEqual(result.token.restrictions, { allowedIps: ['127.0.0.1'], allowedReferrers: [], allowedMethods: ['GET'] });
			assert.equal(result.token.expire, expire);
			assert.deepEqual(result.token.owner, { id: DEMO_USERS.normal.id, username: DEMO_USERS.normal.username });
			assert.equal((await rig.vault.key(rig.emulator.url, uid))?.reveal(), key);
			assertNoKeyIn(JSON.stringify(result));
		});

		it('stores a live browser token it cannot use from here, unidentified and with a warning', async () => {
			const { key } = rig.emulator.createToken(DEMO_USERS.normal.username, {
				attributes: [{ type: 'RefererAllowedList', allowedReferrers: ['https://apps.example.org/'] }],
			});
			const result = await importToken(importDeps(), key);
			assert.ok(result.ok, JSON.stringify(result));
			assert.equal(result.token.idKnown, false);
			assert.match(result.warnings.join(' '), /knows this key, but its restrictions stop VS Code from using it here \(The token only works from specific web pages/);
			assert.equal((await rig.vault.key(rig.emulator.url, result.token.id))?.reveal(), key);
		});

		it('asks which token it is when the owner has several, and stores the choice', async () => {
			const first = rig.emulator.createToken(DEMO_USERS.normal.username, { code: 'first' });
			const second = rig.emulator.createToken(DEMO_USERS.normal.username, { code: 'second' });
			let offered: string[] = [];
			const result = await importToken(importDeps(), second.key, (candidates: ApiTokenInfo[]) => {
				offered = candidates.map((candidate) => candidate.id).sort();
				return Promise.resolve(candidates.find((candidate) => candidate.id === second.uid));
			});
			assert.ok(result.ok);
			assert.deepEqual(offered, [first.uid, second.uid].sort());
			assert.equal(result.token.id, second.uid);
		});

		it('stores an unidentified key with a local id and a conservative expiry', async () => {
			const soon = Date.now() + 3 * DAY_MS;
			rig.emulator.createToken(DEMO_USERS.normal.username, { expire: soon });
			const { key } = rig.emulator.createToken(DEMO_USERS.normal.username, { expire: soon + 20 * DAY_MS });
			const result = await importToken(importDeps(), key, () => Promise.resolve(undefined));
			assert.ok(result.ok);
			assert.equal(result.token.idKnown, false);
			assert.equal(result.token.id, `local-${fingerprint(key).slice(0, 12)}`);
			assert.equal(result.token.expireKnown, false);
			assert.equal(result.token.expire, soon);
			assert.match(result.warnings.join(' '), /cannot be revoked or rotated from here|not revoked or rotated/);
			const report = await revokeToken({ ...rig.deps }, result.token.id);
			assert.equal(report.outcome, 'failed');
			assert.match(report.message, /User Profile app/);
			assert.ok(rig.vault.get(rig.emulator.url, result.token.id), 'nothing removed');
		});

		it('rejects a key with a bad checksum before any network call', async () => {
			const { key } = rig.emulator.createToken(DEMO_USERS.normal.username);
			const last = key.at(-1) === '1' ? '2' : '1';
			const typo = `${key.slice(0, -1)}${last}`;
			const result = await importToken(importDeps(), typo);
			assert.ok(!result.ok);
			assert.match(result.message, /not a complete DHIS2 personal access token.*checksum.*Nothing was sent to the server/s);
			assert.equal(clientsMade, 0);
			assert.equal(rig.emulator.requests.length, 0);
			assertNoKeyIn(result.message);
			assert.deepEqual(rig.vault.list(), []);
		});

		it('explains a key the server does not know (401)', async () => {
			const unknown = old ? randomKey({ version: 'v1', variant: 'plain', random }) : randomKey({ random });
			const result = await importToken(importDeps(), unknown);
			assert.ok(!result.ok);
			assert.equal(result.error?.kind, 'token-unknown');
			assert.equal(result.error?.status, 401);
			assert.match(result.message, /was not accepted by .*DHIS2 does not know this personal access token/);
			assertNoKeyIn(result.message);
			assert.deepEqual(rig.vault.list(), []);
			assert.deepEqual(rig.secrets.keys(), []);
		});
	});
}
