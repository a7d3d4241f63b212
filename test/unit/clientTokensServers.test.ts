import assert from 'node:assert/strict';
import { Dhis2Error } from '../../core/dhis2/client/errors';
import { httpOptionsFromSettings } from '../../client/servers/httpSettings';
import {
	defaultLabel, describeServer, labelProblem, newServerUrlProblem, normalisedUrlOf, parseServers, serialiseServers, type ServerEntry,
	withServerAdded, withServerRemoved, withServerRenamed,
} from '../../client/servers/serverList';
import {
	clearTextWarning, errorActions, loginSecretKey, parseRememberedLogin, rejectsSignIn, serialiseLogin, usernameProblem,
} from '../../client/servers/signInPolicy';

const play: ServerEntry = { url: 'https://play.dhis2.org/40', label: 'play', production: false };
const prod: ServerEntry = { url: 'https://dhis2.example.org', label: 'Production', production: true };

function error(kind: ConstructorParameters<typeof Dhis2Error>[0], extra: Partial<ConstructorParameters<typeof Dhis2Error>[1]> = {}): Dhis2Error {
	return new Dhis2Error(kind, { explanation: 'What happened.', nextStep: 'What to do.', ...extra });
}

describe('client tokens: the dhis2.servers setting', () => {
	it('normalises URLs, defaults labels, and keeps the production flag only when true', () => {
		const { servers, problems } = parseServers([
			{ url: 'https://play.dhis2.org/40/api/', label: '  play  ' },
			{ url: 'https://dhis2.example.org/', production: true },
			{ url: 'http://localhost:8080', label: '', production: 'yes' },
		]);
		assert.deepEqual(problems, []);
		assert.deepEqual(servers, [
			{ url: 'https://play.dhis2.org/40', label: 'play', production: false },
			{ url: 'https://dhis2.example.org', label: 'dhis2.example.org', production: true },
			{ url: 'http://localhost:8080', label: 'localhost:8080', production: false },
		]);
	});

	it('skips junk and duplicates with a reason each, never throwing', () => {
		const { servers, problems } = parseServers([
			'https://a.example',
			{ label: 'no url' },
			{ url: 'ftp://files.example' },
			{ url: 'https://user:secret@dhis2.example.org' },
			{ url: 'https://play.dhis2.org/40', label: 'first' },
			{ url: 'https://PLAY.dhis2.org/40/', label: 'second' },
		]);
		assert.deepEqual(servers.map((server) => server.label), ['first']);
		assert.equal(problems.length, 5);
		assert.match(problems[0] ?? '', /Entry 1 .* has no "url"/);
		assert.match(problems[2] ?? '', /Only http:\/\/ and https:\/\//);
		assert.ok(!problems.join('\n').includes('secret'), 'a password in a URL is never repeated');
		assert.match(problems[4] ?? '', /repeats https:\/\/play\.dhis2\.org\/40; the first one is used/);
		assert.deepEqual(parseServers(undefined), { servers: [], problems: [] });
		assert.equal(parseServers({ url: 'https://a.example' }).problems.length, 1);
	});

	it('writes back exactly url, label and a true production flag', () => {
		assert.deepEqual(serialiseServers([play, prod]), [
			{ url: 'https://play.dhis2.org/40', label: 'play' },
			{ url: 'https://dhis2.example.org', label: 'Production', production: true },
		]);
	});

	it('validates a new URL as it is typed, with the suggested fix and the duplicate named', () => {
		assert.match(newServerUrlProblem('play.dhis2.org', [play]) ?? '', /no scheme.*Did you mean https:\/\/play\.dhis2\.org\?/);
		assert.match(newServerUrlProblem('https://play.dhis2.org/40/dhis-web-dashboard/', [play]) ?? '', /already in the list as "play"/);
		assert.equal(newServerUrlProblem('https://play.dhis2.org/41', [play]), undefined);
		assert.equal(normalisedUrlOf('https://play.dhis2.org/41/api'), 'https://play.dhis2.org/41');
		assert.equal(normalisedUrlOf('nope'), undefined);
	});

	it('requires labels that tell servers apart', () => {
		assert.match(labelProblem('  ', [play]) ?? '', /Enter a name/);
		assert.match(labelProblem('PLAY', [play, prod]) ?? '', /"play" already names https:\/\/play\.dhis2\.org\/40/);
		assert.equal(labelProblem('play', [play, prod], play.url), undefined, 'renaming to its own name');
		assert.match(labelProblem('x'.repeat(61), []) ?? '', /under 60 characters \(it has 61\)/);
		assert.equal(defaultLabel('https://play.dhis2.org/40'), 'play.dhis2.org/40');
	});

	it('adds, renames and removes by URL', () => {
		const added = withServerAdded([play], prod);
		assert.deepEqual(added.map((server) => server.url), [play.url, prod.url]);
		assert.throws(() => withServerAdded(added, { ...play, label: 'again' }), /already in the list/);
		assert.equal(withServerRenamed(added, prod.url, ' Live ')[1]?.label, 'Live');
		assert.deepEqual(withServerRemoved(added, play.url), [prod]);
		assert.equal(describeServer(prod), '"Production" (https://dhis2.example.org) [production]');
	});
});

describe('client tokens: HTTP settings', () => {
	it('turns seconds into milliseconds within bounds, defaulting junk to 30 s', () => {
		assert.deepEqual(httpOptionsFromSettings('', 12), { timeoutMs: 12_000 });
		assert.equal(httpOptionsFromSettings(undefined, 0).timeoutMs, 1000);
		assert.equal(httpOptionsFromSettings(undefined, 10_000).timeoutMs, 600_000);
		assert.equal(httpOptionsFromSettings(undefined, 'ten').timeoutMs, 30_000);
		assert.equal(httpOptionsFromSettings(undefined, Number.NaN).timeoutMs, 30_000);
	});

	it('passes certificate text on (the transport rejects non-PEM text itself) and drops blanks', () => {
		assert.deepEqual(httpOptionsFromSettings('PEM TEXT', 30).caCertificates, ['PEM TEXT']);
		assert.deepEqual(httpOptionsFromSettings(['A', '  ', 3, 'B'], 30).caCertificates, ['A', 'B']);
		assert.equal(httpOptionsFromSettings('   \n', 30).caCertificates, undefined);
	});
});

describe('client tokens: sign-in policy', () => {
	it('keeps remembered logins per server and reads back only well-formed ones', () => {
		assert.equal(loginSecretKey(play.url), 'dhis2-pat:login:https://play.dhis2.org/40');
		const text = serialiseLogin({ username: 'admin', password: 'pw:with"quotes' });
		assert.deepEqual(parseRememberedLogin(text), { username: 'admin', password: 'pw:with"quotes' });
		for (const junk of [undefined, '', 'not json', 'null', '{"username":"","password":"x"}', '{"username":"a"}', '[1]']) {
			assert.equal(parseRememberedLogin(junk), undefined, String(junk));
		}
	});

	it('checks user names the way Basic auth needs them', () => {
		assert.match(usernameProblem(' ') ?? '', /Enter your DHIS2 user name/);
		assert.match(usernameProblem('a:b') ?? '', /cannot contain ":"/);
		assert.equal(usernameProblem('admin'), undefined);
	});

	it('forgets a login only when the server refused it, not for network trouble', () => {
		assert.equal(rejectsSignIn(error('bad-credentials'), 'basic'), true);
		assert.equal(rejectsSignIn(error('token-expired'), 'basic'), false);
		assert.equal(rejectsSignIn(error('token-expired'), 'apiToken'), true);
		assert.equal(rejectsSignIn(error('token-ip-not-allowed'), 'apiToken'), true);
		for (const kind of ['unreachable', 'timeout', 'tls', 'server-error', 'forbidden', 'token-auth-disabled'] as const) {
			assert.equal(rejectsSignIn(error(kind), 'basic'), false, kind);
			assert.equal(rejectsSignIn(error(kind), 'apiToken'), false, kind);
		}
	});

	it('warns before secrets cross the network in clear, and only then', () => {
		const plain: ServerEntry = { url: 'http://dhis2.lan:8080', label: 'lan', production: false };
		const warning = clearTextWarning(plain, 'password');
		assert.ok(warning);
		assert.match(warning.message, /"lan" uses plain http: your user name and password would be sent unencrypted/);
		assert.match(warning.detail, /dhis2\.lan:8080/);
		assert.match(clearTextWarning(plain, 'token')?.message ?? '', /a personal access token/);
		assert.equal(clearTextWarning(play, 'password'), undefined);
		assert.equal(clearTextWarning({ ...plain, url: 'http://localhost:8080' }, 'password'), undefined);
		assert.equal(clearTextWarning({ ...plain, url: 'http://127.0.0.1:8080' }, 'token'), undefined);
	});

	it('offers the buttons that help with each kind of failure', () => {
		const labels = (kind: ConstructorParameters<typeof Dhis2Error>[0], extra = {}) => errorActions(error(kind, extra)).map((action) => action.label);
		assert.deepEqual(labels('timeout'), ['Retry', 'Open Settings…']);
		assert.deepEqual(errorActions(error('timeout')).find((action) => action.kind === 'settings'), { kind: 'settings', label: 'Open Settings…', setting: 'dhis2.http.timeoutSeconds' });
		assert.deepEqual(errorActions(error('tls', { tlsProblem: 'self-signed' }))[1], { kind: 'settings', label: 'Open Settings…', setting: 'dhis2.http.caCertificates' });
		assert.deepEqual(errorActions(error('tls', { tlsProblem: 'plain-http' })), [{ kind: 'settings', label: 'Open Settings…', setting: 'dhis2.servers' }]);
		assert.deepEqual(labels('unreachable'), ['Retry']);
		assert.deepEqual(labels('login-page'), ['Retry', 'Open Settings…']);
		assert.deepEqual(labels('bad-credentials'), ['Sign In Again']);
		assert.deepEqual(labels('name-taken'), []);
		assert.deepEqual(labels('invalid-setting'), ['Open Settings…']);
	});
});
