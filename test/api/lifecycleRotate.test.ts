import assert from 'node:assert/strict';
import { isDhis2Error } from '../../core/dhis2/client';
import { DEMO_USERS } from '../../core/dhis2/emulator';
import { DAY_MS, formatDate } from '../../core/dhis2/tokens';
import { type RotationReport, rotatedName, rotateToken } from '../../core/lifecycle';
import { ACTIVE_METADATA_KEY, type StoredToken } from '../../core/vault';
import { alice, assertNoKeyIn, generated, RevokeElsewhereClient, type Rig, startRig, unreachableClient, VERSIONS } from './lifecycleSupport';

function statuses(report: RotationReport): string {
	return report.steps.map((step) => `${step.step}:${step.status}`).join(' ');
}

describe('rotatedName', () => {
	const now = Date.UTC(2026, 10, 29, 23, 30);
	it('adds the date, then a counter, replacing an earlier rotation suffix', () => {
		assert.equal(rotatedName('ci-token', now), 'ci-token (rotated 2026-11-29)');
		assert.equal(rotatedName('ci-token', now, 3), 'ci-token (rotated 2026-11-29 #3)');
		assert.equal(rotatedName('ci-token (rotated 2025-01-02 #4)', now), 'ci-token (rotated 2026-11-29)');
	});
	it('stays within DHIS2\'s 50 characters', () => {
		const name = rotatedName('x'.repeat(50), now, 12);
		assert.equal(name.length, 50);
		assert.ok(name.endsWith(' (rotated 2026-11-29 #12)'));
	});
});

for (const version of VERSIONS) {
	const old = version === '2.40';

	describe(`lifecycle: rotate (DHIS2 ${version})`, () => {
		let rig: Rig;
		let now: number;
		let oldToken: StoredToken;
		let oldKey: string;
		const deps = () => ({ ...rig.deps, now: () => now });
		const date = () => formatDate(now, { timeZone: 'utc' });

		beforeEach(async () => {
			rig = await startRig(version);
			now = Date.now();
			const made = await generated(rig, { expiry: { kind: 'preset', days: 60 } });
			oldToken = made.token;
			oldKey = made.key.reveal();
			await rig.vault.setActive(rig.emulator.url, oldToken.id);
		});
		afterEach(() => rig.close());

		async function assertOldTokenAlive(): Promise<void> {
			assert.ok(rig.emulator.storedTokens().some((row) => row.id === oldToken.id), 'the old token still exists on the server');
			assert.equal((await rig.keyClient(oldKey).me()).id, DEMO_USERS.normal.id, 'and its key still works');
			assert.equal((await rig.vault.key(rig.emulator.url, oldToken.id))?.reveal(), oldKey, 'and it is still stored here');
		}

		it('creates, stores and activates the new token, then revokes and forgets the old one', async () => {
			const oldUser = rig.keyClient(oldKey);
			await oldUser.me(); // in the auth cache from now on
			const seen: string[] = [];
			const report = await rotateToken(deps(), oldToken.id, { onStep: (step) => seen.push(step) });
			assert.ok(report.ok, report.message);
			assert.equal(statuses(report), 'create:done store:done activate:done revoke-old:done forget-old:done');
			assert.deepEqual(seen, ['create', 'store', 'activate', 'revoke-old', 'forget-old']);
			const fresh = report.newToken;
			assert.ok(fresh);
			assert.equal(fresh.name, `ci-token (rotated ${date()})`);
			assert.equal(fresh.context, oldToken.context);
			assert.deepEqual(fresh.restrictions, oldToken.restrictions);
			assert.equal(fresh.lifetimeMs, oldToken.lifetimeMs);
			assert.equal(fresh.expire, now + 60 * DAY_MS);
			// The server has only the new token, with the old one's attributes and the derived name.
			const rows = rig.emulator.storedTokens();
			assert.deepEqual(rows.map((row) => row.id), [fresh.id]);
			assert.equal(rows[0]?.code, fresh.name);
			assert.deepEqual(rows[0]?.attributes, [{ type: 'IpAllowedList', allowedIps: ['127.0.0.1'] }, { type: 'MethodAllowedList', allowedMethods: ['GET', 'POST'] }]);
			// The vault has only the new token, and it is the active one.
			assert.deepEqual(rig.vault.list().map((token) => token.id), [fresh.id]);
			assert.equal(rig.vault.activeId(rig.emulator.url), fresh.id);
			const newKey = await rig.vault.key(rig.emulator.url, fresh.id);
			assert.ok(newKey);
			assert.equal((await rig.keyClient(newKey).me()).id, DEMO_USERS.normal.id, 'the new key works');
			if (old) {
				assert.equal(report.mayStillWorkForMs, 60 * 60 * 1000);
				assert.match(report.message, /may keep working for up to 60 minutes/);
				assert.equal((await oldUser.me()).id, DEMO_USERS.normal.id, '2.37–2.40 cache the revoked key');
				rig.emulator.advanceTime(60 * 60 * 1000);
			} else {
				assert.equal(report.mayStillWorkForMs, undefined);
			}
			await assert.rejects(oldUser.me(), (error: unknown) => isDhis2Error(error, 'token-unknown') && error.status === 401);
			assert.match(report.message, /^Rotated token "ci-token" \(d2p(?:at)?_\w{4}…\w{4}, id \w{11}\) on http:\/\/127\.0\.0\.1:\d+\. The new token "ci-token \(rotated [\d-]+\)" .* is created, stored in VS Code and now the active token\./);
			assertNoKeyIn(report.message, JSON.stringify(report));
		});

		it('picks a free derived name when the first one is taken (409 E5003), without stacking suffixes', async () => {
			rig.emulator.createToken(DEMO_USERS.other.username, { code: `ci-token (rotated ${date()})` });
			const first = await rotateToken(deps(), oldToken.id);
			assert.ok(first.ok, first.message);
			assert.equal(first.newToken?.name, `ci-token (rotated ${date()} #2)`);
			assert.match(first.steps[0]?.detail ?? '', /named "ci-token \(rotated [\d-]+ #2\)" because names are unique/);
			const second = await rotateToken(deps(), first.newToken?.id ?? '');
			assert.ok(second.ok, second.message);
			// Bob still holds the plain form and the token being rotated holds #2: the suffix is replaced, never stacked.
			assert.equal(second.newToken?.name, `ci-token (rotated ${date()} #3)`);
		});

		it('rotates a token that is not stored here, and stores the new one', async () => {
			const created = now;
			rig.emulator.setNow(created); // the server's `created` must be exactly this for the lifetime to be exact
			const { uid } = rig.emulator.createToken(DEMO_USERS.normal.username, { code: 'nightly', expire: created + 10 * DAY_MS, attributes: [{ type: 'MethodAllowedList', allowedMethods: ['GET'] }] });
			const report = await rotateToken(deps(), uid);
			assert.ok(report.ok, report.message);
			assert.equal(statuses(report), 'create:done store:done activate:skipped revoke-old:done forget-old:skipped');
			assert.equal(report.newToken?.lifetimeMs, 10 * DAY_MS);
			assert.deepEqual(report.newToken?.restrictions, { allowedIps: [], allowedReferrers: [], allowedMethods: ['GET'] });
			assert.ok(rig.vault.get(rig.emulator.url, report.newToken?.id ?? ''));
			assert.equal(rig.vault.activeId(rig.emulator.url), oldToken.id, 'the active token was a different one');
		});

		it('create fails (user disabled → 401): nothing changes', async () => {
			const report = await rotateToken(deps(), oldToken.id, {
				onStep: (step) => step === 'create' && rig.emulator.disableUser(DEMO_USERS.normal.username),
			});
			assert.equal(report.ok, false);
			assert.equal(statuses(report), 'create:failed store:skipped activate:skipped revoke-old:skipped forget-old:skipped');
			assert.equal(report.error?.kind, 'bad-credentials');
			assert.equal(report.oldTokenAlive, true);
			assert.match(report.message, /^Rotation stopped: the new token could not be created\. .* Nothing was changed\. The old token "ci-token" .* still works, is still stored in VS Code and is still the active token for \.http requests\.$/s);
			assert.deepEqual(rig.emulator.storedTokens().map((row) => row.id), [oldToken.id]);
			assert.deepEqual(rig.vault.list().map((token) => token.id), [oldToken.id]);
			assert.equal(rig.vault.activeId(rig.emulator.url), oldToken.id);
		});

		it('store fails: the new token is revoked again and the old one stays', async () => {
			rig.secrets.failStore = () => true;
			const report = await rotateToken(deps(), oldToken.id);
			assert.equal(statuses(report), 'create:done store:failed activate:skipped revoke-old:skipped forget-old:skipped');
			assert.equal(report.newToken, undefined);
			assert.equal(report.error?.kind, 'secret-storage');
			assert.match(report.message, /^Rotation stopped: DHIS2 created token "ci-token \(rotated [\d-]+\)".*the keychain is locked.*The new token was revoked again.*The old token "ci-token" .* still works, is still stored in VS Code and is still the active token/s);
			await assertOldTokenAlive();
			assert.equal(rig.emulator.tokenCount(), 1);
			assert.deepEqual(rig.vault.list().map((token) => token.id), [oldToken.id]);
			assert.equal(rig.vault.activeId(rig.emulator.url), oldToken.id);
		});

		it('activate fails: the new token is kept, nothing is revoked', async () => {
			rig.metadata.failUpdate = (key) => key === ACTIVE_METADATA_KEY;
			const report = await rotateToken(deps(), oldToken.id);
			assert.equal(statuses(report), 'create:done store:done activate:failed revoke-old:skipped forget-old:skipped');
			assert.ok(report.newToken);
			assert.match(report.message, /^Rotation stopped: the new token "ci-token \(rotated [\d-]+\)" .* is created and stored in VS Code, but it could not be made the active token: .*disk full.* Nothing was revoked\. The old token "ci-token" .* still works/s);
			await assertOldTokenAlive();
			assert.equal(rig.vault.activeId(rig.emulator.url), oldToken.id);
			assert.ok(await rig.vault.key(rig.emulator.url, report.newToken.id), 'the new key is stored');
			assert.equal(rig.emulator.tokenCount(), 2);
		});

		it('revoke-old fails (network): the old token stays alive and stored, the new one is active', async () => {
			const client = new RevokeElsewhereClient(rig.emulator.url, alice, await unreachableClient());
			await client.systemInfo();
			try {
				const report = await rotateToken({ ...deps(), client }, oldToken.id);
				assert.equal(statuses(report), 'create:done store:done activate:done revoke-old:failed forget-old:skipped');
				assert.equal(report.oldTokenAlive, true);
				assert.equal(report.error?.kind, 'unreachable');
				assert.match(report.message, /^The new token .* is created, stored in VS Code and now the active token\. Revoking the old token "ci-token" .* failed: Nothing is accepting connections.* The old token still works and is still stored in VS Code; revoke it from the Tokens view once the problem is fixed\.$/s);
				await assertOldTokenAlive();
				assert.equal(rig.vault.activeId(rig.emulator.url), report.newToken?.id);
				assert.equal(rig.vault.list().length, 2);
			} finally {
				await client.close();
			}
		});

		it('revoke-old fails (server gone mid-rotation): where things stand is reported', async () => {
			const report = await rotateToken(deps(), oldToken.id, {
				onStep: async (step) => {
					if (step === 'revoke-old') await rig.emulator.close();
				},
			});
			assert.equal(statuses(report), 'create:done store:done activate:done revoke-old:failed forget-old:skipped');
			assert.ok(rig.emulator.storedTokens().some((row) => row.id === oldToken.id), 'the old token was never deleted');
			assert.equal((await rig.vault.key(rig.emulator.url, oldToken.id))?.reveal(), oldKey);
			assert.match(report.message, /Revoking the old token "ci-token" .* failed: .*The old token still works and is still stored in VS Code/s);
		});

		it('forget-old fails: the rotation is done on the server and the leftover key is reported', async () => {
			rig.secrets.failDelete = () => true;
			const report = await rotateToken(deps(), oldToken.id);
			assert.equal(statuses(report), 'create:done store:done activate:done revoke-old:done forget-old:failed');
			assert.equal(report.ok, false);
			assert.equal(report.oldTokenAlive, false);
			assert.deepEqual(rig.emulator.storedTokens().map((row) => row.id), [report.newToken?.id]);
			assert.match(report.message, /The old token "ci-token" .* is revoked on the server, but its key could not be removed from VS Code/);
		});

		it('creates the token without a server-side name when every derived name is taken', async () => {
			for (let attempt = 1; attempt <= 5; attempt++) rig.emulator.createToken(DEMO_USERS.other.username, { code: rotatedName('ci-token', now, attempt) });
			const report = await rotateToken(deps(), oldToken.id);
			assert.ok(report.ok, report.message);
			const row = rig.emulator.storedTokens().find((candidate) => candidate.id === report.newToken?.id);
			assert.ok(row);
			assert.equal(row.code, undefined);
			assert.equal(report.newToken?.name, `ci-token (rotated ${date()})`);
			assert.match(report.message, /every derived name was taken on the server/);
		});

		it('refuses to rotate an imported key whose token is unknown', async () => {
			const unknown = { ...oldToken, id: 'local-0123456789ab', idKnown: false, restrictions: { allowedIps: [], allowedReferrers: [], allowedMethods: [] } };
			await rig.vault.store(unknown, oldKey);
			rig.emulator.clearRequests();
			const report = await rotateToken(deps(), unknown.id);
			assert.equal(statuses(report), 'create:failed store:skipped activate:skipped revoke-old:skipped forget-old:skipped');
			assert.match(report.message, /^Rotation not started: .*restrictions and lifetime cannot be copied.*Nothing was changed\.$/s);
			assert.equal(rig.emulator.requests.length, 0);
			assert.equal(rig.emulator.tokenCount(), 1);
		});

		it('a token that no longer exists on the server is not rotated', async () => {
			await rig.client.revokeToken(oldToken.id);
			const report = await rotateToken(deps(), oldToken.id);
			assert.equal(statuses(report), 'create:failed store:skipped activate:skipped revoke-old:skipped forget-old:skipped');
			assert.match(report.message, /no longer exists on the server/);
			assert.equal(rig.emulator.tokenCount(), 0, 'nothing was created');
		});
	});
}
