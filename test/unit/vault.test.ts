import assert from 'node:assert/strict';
import { ApiKey } from '../../core/dhis2/client';
import { expiringTokens } from '../../core/lifecycle';
import { fingerprint, generateToken, mask, seededRandom } from '../../core/token';
import {
	ACTIVE_METADATA_KEY, MemoryMetadataStore, MemorySecretStore, parseSecretKey, secretKeyOf, type StoredToken, TOKENS_METADATA_KEY,
	TokenVault, VaultError,
} from '../../core/vault';

const DAY = 24 * 60 * 60 * 1000;
const NOW = Date.UTC(2026, 10, 29, 12, 0, 0);
const SERVER = 'https://play.dhis2.org/40';
const OTHER_SERVER = 'http://127.0.0.1:8080';
const random = seededRandom(4242);

function newKey(): string {
	return generateToken({ random });
}

function tokenFor(key: string, overrides: Partial<StoredToken> = {}): StoredToken {
	return {
		serverUrl: SERVER,
		id: `Tok${String(Math.floor(random(1e8))).padStart(8, '0')}`,
		idKnown: true,
		name: 'ci',
		context: 'server',
		expire: NOW + 30 * DAY,
		lifetimeMs: 30 * DAY,
		restrictions: { allowedIps: ['10.0.0.1'], allowedReferrers: [], allowedMethods: ['GET'] },
		created: NOW,
		masked: mask(key),
		fingerprint: fingerprint(key),
		...overrides,
	};
}

/** Resolves at the vault's next change event; fails the test if none comes. */
function nextChange(vault: TokenVault, timeoutMs = 1000): Promise<void> {
	return new Promise((resolve, reject) => {
		const timer = setTimeout(() => {
			subscription.dispose();
			reject(new Error('no change event'));
		}, timeoutMs);
		const subscription = vault.onDidChange(() => {
			clearTimeout(timer);
			subscription.dispose();
			resolve();
		});
	});
}

/** Lets VS Code-style (asynchronous) change events arrive. */
function settle(): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, 10));
}

type Log = string[];

/** The real stores with a shared log of writes, and a switch to make one kind of write fail. */
class LoggingSecretStore extends MemorySecretStore {
	failStore = false;
	failDelete = false;
	constructor(private readonly log: Log) {
		super();
	}
	override store(key: string, value: string): Promise<void> {
		this.log.push(`secret.store ${key}`);
		return this.failStore ? Promise.reject(new Error('the keychain is locked')) : super.store(key, value);
	}
	override delete(key: string): Promise<void> {
		this.log.push(`secret.delete ${key}`);
		return this.failDelete ? Promise.reject(new Error('the keychain is locked')) : super.delete(key);
	}
}

class LoggingMetadataStore extends MemoryMetadataStore {
	failUpdates = false;
	constructor(private readonly log: Log) {
		super();
	}
	override update(key: string, value: unknown): Promise<void> {
		this.log.push(`metadata.update ${key}`);
		return this.failUpdates ? Promise.reject(new Error('disk full')) : super.update(key, value);
	}
}

function rawMetadata(metadata: MemoryMetadataStore): string {
	return JSON.stringify(metadata.keys().map((key) => [key, metadata.get(key)]));
}

describe('TokenVault: storing and reading', () => {
	let log: Log;
	let secrets: LoggingSecretStore;
	let metadata: LoggingMetadataStore;
	let vault: TokenVault;

	beforeEach(() => {
		log = [];
		secrets = new LoggingSecretStore(log);
		metadata = new LoggingMetadataStore(log);
		vault = new TokenVault(secrets, metadata);
	});
	afterEach(() => vault.dispose());

	it('keeps the key in secret storage and only metadata in globalState', async () => {
		const key = newKey();
		const token = tokenFor(key);
		await vault.store(token, new ApiKey(key));
		const read = await vault.key(SERVER, token.id);
		assert.ok(read instanceof ApiKey);
		assert.equal(read.reveal(), key);
		assert.deepEqual(vault.get(SERVER, token.id), token);
		assert.deepEqual(secrets.keys(), [`dhis2-pat:token:${SERVER}:${token.id}`]);
		const raw = rawMetadata(metadata);
		assert.ok(raw.includes(token.masked), 'metadata keeps the masked form');
		assert.ok(!raw.includes(key) && !raw.includes(key.slice(8, -8)), 'metadata must never hold the key');
	});

	it('writes the key before the metadata', async () => {
		const key = newKey();
		const token = tokenFor(key);
		await vault.store(token, key);
		assert.deepEqual(log, [`secret.store ${secretKeyOf(SERVER, token.id)}`, `metadata.update ${TOKENS_METADATA_KEY}`]);
	});

	it('leaves no metadata behind when the key cannot be stored', async () => {
		secrets.failStore = true;
		const key = newKey();
		const token = tokenFor(key);
		const error = await vault.store(token, key).then(() => undefined, (caught: unknown) => caught);
		assert.ok(error instanceof VaultError);
		assert.equal(error.operation, 'store-key');
		assert.match(error.message, /could not save the key of token .*the keychain is locked/);
		assert.ok(!error.message.includes(key));
		assert.equal(metadata.get(TOKENS_METADATA_KEY), undefined, 'no metadata may point at a key that was not saved');
		assert.deepEqual(vault.list(), []);
		assert.ok(!log.some((entry) => entry.startsWith('metadata')), 'metadata was never touched');
	});

	it('keeps the key retrievable when the metadata cannot be written', async () => {
		metadata.failUpdates = true;
		const key = newKey();
		const token = tokenFor(key);
		await assert.rejects(vault.store(token, key), (error: unknown) => error instanceof VaultError && error.operation === 'store-metadata');
		assert.deepEqual(vault.list(), []);
		assert.equal((await vault.key(SERVER, token.id))?.reveal(), key);
	});

	it('normalises the server address for storing and for every lookup', async () => {
		const key = newKey();
		const token = tokenFor(key, { serverUrl: 'HTTPS://Play.DHIS2.org/40/api/' });
		await vault.store(token, key);
		assert.equal(vault.list()[0]?.serverUrl, SERVER);
		assert.equal(vault.get('https://play.dhis2.org/40/', token.id)?.id, token.id);
		assert.equal((await vault.key('https://PLAY.dhis2.org/40', token.id))?.reveal(), key);
	});

	it('drops any field that is not part of the metadata, and refuses metadata that contains the key', async () => {
		const key = newKey();
		const withExtra = { ...tokenFor(key), key, secret: key } as StoredToken;
		await vault.store(withExtra, key);
		assert.ok(!rawMetadata(metadata).includes(key));
		assert.equal(Object.hasOwn(vault.get(SERVER, withExtra.id) ?? {}, 'key'), false);

		const leaky = tokenFor(key, { name: `copy of ${key}` });
		await assert.rejects(vault.store(leaky, key), (error: unknown) => error instanceof VaultError && error.operation === 'invalid-token' && !error.message.includes(key));
		assert.equal(vault.get(SERVER, leaky.id), undefined);
		assert.equal(await vault.key(SERVER, leaky.id), undefined, 'nothing was stored, not even the key');
	});

	it('refuses an empty key and incomplete metadata', async () => {
		await assert.rejects(vault.store(tokenFor('x'), '  '), /no key to store/);
		await assert.rejects(vault.store({ ...tokenFor('x'), id: '' }, newKey()), /incomplete/);
		assert.deepEqual(secrets.keys(), []);
	});

	it('lists by server, then soonest expiry first', async () => {
		const later = tokenFor(newKey(), { expire: NOW + 20 * DAY, name: 'later' });
		const sooner = tokenFor(newKey(), { expire: NOW + 2 * DAY, name: 'sooner' });
		const elsewhere = tokenFor(newKey(), { serverUrl: OTHER_SERVER, expire: NOW + DAY, name: 'elsewhere' });
		for (const token of [later, sooner, elsewhere]) await vault.store(token, newKey());
		assert.deepEqual(vault.list().map((token) => token.name), ['elsewhere', 'sooner', 'later']);
		assert.deepEqual(vault.list(SERVER).map((token) => token.name), ['sooner', 'later']);
		assert.deepEqual(vault.list('https://nowhere.example.org').map((token) => token.name), []);
	});

	it('replaces the entry when the same token is stored again', async () => {
		const token = tokenFor(newKey());
		await vault.store(token, newKey());
		const second = newKey();
		await vault.store({ ...token, name: 'renamed' }, second);
		assert.deepEqual(vault.list().map((t) => t.name), ['renamed']);
		assert.equal((await vault.key(SERVER, token.id))?.reveal(), second);
	});

	it('loses no update when stores run concurrently', async () => {
		const tokens = Array.from({ length: 12 }, () => tokenFor(newKey()));
		await Promise.all(tokens.map((token) => vault.store(token, newKey())));
		assert.equal(vault.list().length, 12);
		assert.equal(secrets.keys().length, 12);
	});

	it('ignores malformed metadata entries instead of failing', async () => {
		const good = tokenFor(newKey());
		await metadata.update(TOKENS_METADATA_KEY, [good, { id: 'half' }, null, 'junk', { ...good, id: 'NoRestrictn', restrictions: null }]);
		assert.deepEqual(vault.list().map((token) => token.id), [good.id]);
		await metadata.update(TOKENS_METADATA_KEY, { not: 'an array' });
		assert.deepEqual(vault.list(), []);
	});
});

describe('TokenVault: removing and the active token', () => {
	let log: Log;
	let secrets: LoggingSecretStore;
	let metadata: LoggingMetadataStore;
	let vault: TokenVault;
	let token: StoredToken;

	beforeEach(async () => {
		log = [];
		secrets = new LoggingSecretStore(log);
		metadata = new LoggingMetadataStore(log);
		vault = new TokenVault(secrets, metadata);
		token = tokenFor(newKey());
		await vault.store(token, newKey());
	});
	afterEach(() => vault.dispose());

	it('sets, reads and clears the active token per server', async () => {
		assert.equal(vault.activeId(SERVER), undefined);
		await vault.setActive(SERVER, token.id);
		assert.equal(vault.activeId(`${SERVER}/`), token.id);
		assert.equal(vault.activeId(OTHER_SERVER), undefined);
		assert.deepEqual(metadata.get(ACTIVE_METADATA_KEY), { [SERVER]: token.id });
		await vault.setActive(SERVER, undefined);
		assert.equal(vault.activeId(SERVER), undefined);
	});

	it('only lets a stored token become active', async () => {
		await assert.rejects(vault.setActive(SERVER, 'NotStored01'), (error: unknown) => error instanceof VaultError && error.operation === 'not-stored');
		assert.equal(vault.activeId(SERVER), undefined);
	});

	it('removes key, metadata and the active reference', async () => {
		await vault.setActive(SERVER, token.id);
		await vault.remove(SERVER, token.id);
		assert.equal(vault.get(SERVER, token.id), undefined);
		assert.equal(await vault.key(SERVER, token.id), undefined);
		assert.equal(vault.activeId(SERVER), undefined);
		assert.deepEqual(metadata.get(ACTIVE_METADATA_KEY), {});
		assert.deepEqual(secrets.keys(), []);
	});

	it('changes nothing when the key cannot be deleted', async () => {
		await vault.setActive(SERVER, token.id);
		secrets.failDelete = true;
		await assert.rejects(vault.remove(SERVER, token.id), (error: unknown) => error instanceof VaultError && error.operation === 'delete-key');
		assert.equal(vault.get(SERVER, token.id)?.id, token.id);
		assert.equal(vault.activeId(SERVER), token.id);
	});

	it('removing a token that is not stored is not an error', async () => {
		await vault.remove(SERVER, 'NotStored01');
		assert.equal(vault.list().length, 1);
	});

	it('fires onDidChange for its own store, setActive and remove', async () => {
		let count = 0;
		const subscription = vault.onDidChange(() => (count += 1));
		await vault.store(tokenFor(newKey()), newKey());
		assert.ok(count >= 1, 'store fires');
		const afterStore = count;
		await vault.setActive(SERVER, token.id);
		assert.ok(count > afterStore, 'setActive fires');
		const afterActive = count;
		await vault.remove(SERVER, token.id);
		assert.ok(count > afterActive, 'remove fires');
		subscription.dispose();
		const afterDispose = count;
		await vault.store(tokenFor(newKey()), newKey());
		await settle();
		assert.equal(count, afterDispose, 'a disposed listener hears nothing');
	});
});

describe('TokenVault: other windows and missing halves', () => {
	let secretsA: MemorySecretStore;
	let metadataA: MemoryMetadataStore;
	let windowA: TokenVault;
	let windowB: TokenVault;
	let secretsB: MemorySecretStore;

	beforeEach(() => {
		secretsA = new MemorySecretStore();
		metadataA = new MemoryMetadataStore();
		secretsB = secretsA.otherWindow();
		windowA = new TokenVault(secretsA, metadataA);
		windowB = new TokenVault(secretsB, metadataA.otherWindow());
	});
	afterEach(() => {
		windowA.dispose();
		windowB.dispose();
	});

	it('delivers secret change events asynchronously, as VS Code does', async () => {
		const seen: string[] = [];
		secretsA.onDidChange((event) => seen.push(event.key));
		await secretsB.store('someone-else', 'value');
		assert.deepEqual(seen, [], 'not synchronously');
		await settle();
		assert.deepEqual(seen, ['someone-else']);
	});

	it('hears about a token stored in another window', async () => {
		const token = tokenFor(newKey());
		const heard = nextChange(windowA);
		await windowB.store(token, newKey());
		await heard;
		assert.equal(windowA.get(SERVER, token.id)?.id, token.id);
	});

	it('hears about a token removed in another window', async () => {
		const token = tokenFor(newKey());
		await windowB.store(token, newKey());
		await windowB.setActive(SERVER, token.id);
		await settle();
		assert.equal(windowA.activeId(SERVER), token.id);
		const heard = nextChange(windowA);
		await windowB.remove(SERVER, token.id);
		await heard;
		assert.equal(windowA.get(SERVER, token.id), undefined);
		assert.equal(windowA.activeId(SERVER), undefined);
	});

	it('drops metadata whose key another window deleted, and says so', async () => {
		const token = tokenFor(newKey());
		await windowA.store(token, newKey());
		await windowA.setActive(SERVER, token.id);
		await settle();
		let changes = 0;
		windowA.onDidChange(() => (changes += 1));
		// Another window (or a keychain reset) removes only the secret; only window A may react to it.
		windowB.dispose();
		await secretsB.delete(secretKeyOf(SERVER, token.id));
		await settle();
		assert.ok(changes >= 1);
		assert.equal(windowA.get(SERVER, token.id), undefined);
		assert.equal(windowA.activeId(SERVER), undefined);
		assert.equal(metadataA.get<unknown[]>(TOKENS_METADATA_KEY)?.length, 0);
	});

	it('key() of metadata whose key is gone answers undefined and forgets the metadata', async () => {
		const token = tokenFor(newKey());
		await windowA.store(token, newKey());
		windowA.dispose(); // no event listener: only key() can notice
		const quiet = new TokenVault(secretsA, metadataA);
		await secretsB.delete(secretKeyOf(SERVER, token.id));
		let changes = 0;
		quiet.onDidChange(() => (changes += 1));
		assert.equal(quiet.get(SERVER, token.id)?.id, token.id);
		assert.equal(await quiet.key(SERVER, token.id), undefined);
		assert.equal(quiet.get(SERVER, token.id), undefined);
		assert.ok(changes >= 1);
		quiet.dispose();
	});

	it('key() returns a key whose metadata is missing (a store cut short)', async () => {
		const key = newKey();
		await secretsB.store(secretKeyOf(SERVER, 'Orphan00001'), key);
		assert.deepEqual(windowA.list(), []);
		assert.equal((await windowA.key(SERVER, 'Orphan00001'))?.reveal(), key);
	});

	it('ignores secrets that are not its own', async () => {
		const token = tokenFor(newKey());
		await windowA.store(token, newKey());
		await secretsB.store('github.auth', 'unrelated');
		await secretsB.delete('github.auth');
		await settle();
		assert.equal(windowA.get(SERVER, token.id)?.id, token.id);
	});
});

describe('vault secret key names', () => {
	it('round-trip server addresses with ports and paths', () => {
		for (const url of ['http://127.0.0.1:8080', 'https://play.dhis2.org/40', 'https://[::1]:8443/dhis']) {
			assert.deepEqual(parseSecretKey(secretKeyOf(url, 'AbCdEfGhIjK')), { serverUrl: url, id: 'AbCdEfGhIjK' });
		}
		assert.equal(parseSecretKey('dhis2-pat.remember:https://x'), undefined);
		assert.equal(parseSecretKey('dhis2-pat:token:https://x:'), undefined);
	});
});

describe('expiringTokens', () => {
	it('lists stored tokens expiring within the window, expired ones included, soonest first', async () => {
		const vault = new TokenVault(new MemorySecretStore(), new MemoryMetadataStore());
		const cases = { expired: NOW - DAY, now: NOW, soon: NOW + 3 * DAY, edge: NOW + 7 * DAY, later: NOW + 7 * DAY + 1, far: NOW + 90 * DAY };
		for (const [name, expire] of Object.entries(cases)) await vault.store(tokenFor(newKey(), { name, expire, serverUrl: name === 'soon' ? OTHER_SERVER : SERVER }), newKey());
		assert.deepEqual(expiringTokens(vault, 7, NOW).map((token) => token.name), ['expired', 'now', 'soon', 'edge']);
		assert.deepEqual(expiringTokens(vault, 0, NOW).map((token) => token.name), ['expired', 'now']);
		vault.dispose();
	});
});
