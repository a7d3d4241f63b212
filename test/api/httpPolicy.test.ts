import assert from 'node:assert/strict';
import { decideInjection, type InjectionPolicy, type InjectionVerdict, matchServer } from '../../core/http/inject';
import { carryCredentials, methodAfterRedirect } from '../../core/http/send';
import { scopeOf } from '../../core/http/inject/scope';

const token = (): Promise<string | undefined> => Promise.resolve('unused: the policy never reads keys');

const POLICY: InjectionPolicy = {
	servers: [
		{ baseUrl: 'https://play.dhis2.org/40', token, label: 'Play 40' },
		{ baseUrl: 'https://prod.example.org/', token, production: true, label: 'Production' },
		{ baseUrl: 'http://dhis2.intranet.example:8080/dhis', token },
		{ baseUrl: 'http://localhost:8080', token },
		{ baseUrl: 'https://notoken.example.org' },
	],
};

interface Row {
	readonly name: string;
	readonly method?: string;
	readonly url: string;
	readonly headers?: readonly { name: string; value: string }[];
	readonly wants?: boolean;
	readonly policy?: InjectionPolicy;
	readonly verdict: InjectionVerdict;
	readonly injects: boolean;
	readonly server?: string;
	readonly reasons?: readonly string[];
	readonly explains: RegExp;
}

const ROWS: readonly Row[] = [
	// Origin and path-prefix matching.
	{ name: 'under the base URL', url: 'https://play.dhis2.org/40/api/me', verdict: 'inject', injects: true, server: 'https://play.dhis2.org/40', explains: /Play 40 .*no Authorization header of its own/ },
	{ name: 'the base URL itself', url: 'https://play.dhis2.org/40', verdict: 'inject', injects: true, server: 'https://play.dhis2.org/40', explains: /lies under that server/ },
	{ name: 'upper-case host, explicit default port', url: 'https://PLAY.dhis2.org:443/40/api/me', verdict: 'inject', injects: true, server: 'https://play.dhis2.org/40', explains: /lies under/ },
	{ name: 'prefix without segment boundary (/400)', url: 'https://play.dhis2.org/400/api/me', verdict: 'send-without-token', injects: false, explains: /not a configured DHIS2 server/ },
	{ name: 'prefix glued to more (/40abc)', url: 'https://play.dhis2.org/40abc', verdict: 'send-without-token', injects: false, explains: /not a configured/ },
	{ name: 'dot segments climbing out of the prefix', url: 'https://play.dhis2.org/40/../41/api/me', verdict: 'send-without-token', injects: false, explains: /not a configured/ },
	{ name: 'same host, plain http', url: 'http://play.dhis2.org/40/api/me', verdict: 'send-without-token', injects: false, explains: /not a configured/ },
	{ name: 'same host, other port', url: 'https://play.dhis2.org:8443/40/api/me', verdict: 'send-without-token', injects: false, explains: /not a configured/ },
	{ name: 'sub-domain', url: 'https://evil.play.dhis2.org/40/api/me', verdict: 'send-without-token', injects: false, explains: /not a configured/ },
	{ name: 'suffix look-alike host', url: 'https://play.dhis2.org.evil.example/40/api/me', verdict: 'send-without-token', injects: false, explains: /not a configured/ },
	{ name: 'user info in front of another host', url: 'https://play.dhis2.org@evil.example/40/api/me', verdict: 'send-without-token', injects: false, explains: /not a configured/ },
	{ name: 'server at the root covers every path', url: 'https://prod.example.org/api/me', verdict: 'inject', injects: true, server: 'https://prod.example.org', explains: /Production/ },
	// The file's own Authorization header.
	{ name: 'own Authorization header', url: 'https://play.dhis2.org/40/api/me', headers: [{ name: 'authorization', value: 'Basic eDp5' }], verdict: 'send-without-token', injects: false, server: 'https://play.dhis2.org/40', explains: /sets its own Authorization/ },
	{ name: 'asks for the token and writes another Authorization', url: 'https://play.dhis2.org/40/api/me', wants: true, headers: [{ name: 'Authorization', value: 'Basic eDp5' }], verdict: 'refuse', injects: false, explains: /keep only one/ },
	// Explicit {{$dhis2.token}}.
	{ name: 'asks for the token, under its server', url: 'https://play.dhis2.org/40/api/me', wants: true, verdict: 'inject', injects: true, server: 'https://play.dhis2.org/40', explains: /as the file asks/ },
	{ name: 'asks for the token at another origin: refused, naming the servers', url: 'https://evil.example/api/me', wants: true, verdict: 'refuse', injects: false, explains: /not under a configured DHIS2 server \(configured: https:\/\/play\.dhis2\.org\/40, https:\/\/prod\.example\.org.*only ever sent to its own server/ },
	{ name: 'asks for the token, no server configured', url: 'https://evil.example/api/me', wants: true, policy: { servers: [] }, verdict: 'refuse', injects: false, explains: /no DHIS2 server is configured/ },
	{ name: 'asks for the token of a server without one', url: 'https://notoken.example.org/api/me', wants: true, verdict: 'refuse', injects: false, explains: /no token is set up/ },
	{ name: 'server without a token, no request for one', url: 'https://notoken.example.org/api/me', verdict: 'send-without-token', injects: false, server: 'https://notoken.example.org', explains: /none is set up/ },
	// Plain http.
	{ name: 'plain http to a remote host with a token', url: 'http://dhis2.intranet.example:8080/dhis/api/me', verdict: 'needs-confirmation', injects: true, reasons: ['insecure-http'], explains: /lies under/ },
	{ name: 'plain http to loopback', url: 'http://localhost:8080/api/me', verdict: 'inject', injects: true, explains: /lies under/ },
	// Production servers.
	{ name: 'production GET', url: 'https://prod.example.org/api/me', verdict: 'inject', injects: true, explains: /lies under/ },
	{ name: 'production POST', method: 'POST', url: 'https://prod.example.org/api/dataValueSets', verdict: 'needs-confirmation', injects: true, reasons: ['production-write'], explains: /lies under/ },
	{ name: 'production delete (lower-case method)', method: 'delete', url: 'https://prod.example.org/api/x', verdict: 'needs-confirmation', injects: true, reasons: ['production-write'], explains: /lies under/ },
	{ name: 'production PATCH with its own credentials still confirms', method: 'PATCH', url: 'https://prod.example.org/api/x', headers: [{ name: 'Authorization', value: 'Basic eDp5' }], verdict: 'needs-confirmation', injects: false, reasons: ['production-write'], explains: /own Authorization/ },
	{ name: 'non-production PUT', method: 'PUT', url: 'https://play.dhis2.org/40/api/x', verdict: 'inject', injects: true, explains: /lies under/ },
	// Untrusted workspace.
	{ name: 'untrusted: never injects, asks before sending', url: 'https://play.dhis2.org/40/api/me', policy: { ...POLICY, untrusted: true }, verdict: 'needs-confirmation', injects: false, reasons: ['untrusted-workspace'], explains: /not trusted/ },
	{ name: 'untrusted: asking for the token is refused', url: 'https://play.dhis2.org/40/api/me', wants: true, policy: { ...POLICY, untrusted: true }, verdict: 'refuse', injects: false, explains: /not trusted.*never sent/ },
	{ name: 'untrusted production POST: both confirmations', method: 'POST', url: 'https://prod.example.org/api/x', policy: { ...POLICY, untrusted: true }, verdict: 'needs-confirmation', injects: false, reasons: ['untrusted-workspace', 'production-write'], explains: /not trusted/ },
	// Junk.
	{ name: 'invalid URL', url: 'not a url', verdict: 'refuse', injects: false, explains: /not a valid URL/ },
];

describe('.http injection policy (table)', () => {
	for (const row of ROWS) {
		it(row.name, () => {
			const decision = decideInjection(
				{ method: row.method ?? 'GET', url: row.url, headers: row.headers ?? [], wantsDhis2Token: row.wants ?? false },
				row.policy ?? POLICY,
			);
			assert.equal(decision.verdict, row.verdict, decision.explanation);
			assert.equal(decision.injects, row.injects);
			if (row.server !== undefined) assert.equal(decision.server?.baseUrl, row.server);
			assert.deepEqual(decision.confirmations.map((confirmation) => confirmation.reason), row.reasons ?? []);
			for (const confirmation of decision.confirmations) assert.ok(confirmation.message.length > 20, 'each confirmation explains itself');
			assert.match(decision.explanation, row.explains);
		});
	}

	it('nested servers: the longest base path wins', () => {
		const servers = [{ baseUrl: 'https://h.example', token }, { baseUrl: 'https://h.example/dhis', token }];
		assert.equal(matchServer(new URL('https://h.example/dhis/api/me'), servers)?.index, 1);
		assert.equal(matchServer(new URL('https://h.example/other/api/me'), servers)?.index, 0);
	});

	it('a configured base URL written with /api or a trailing slash is the same server', () => {
		for (const baseUrl of ['https://play.dhis2.org/40/api', 'https://play.dhis2.org/40/', ' https://PLAY.dhis2.org/40 ']) {
			const decision = decideInjection({ method: 'GET', url: 'https://play.dhis2.org/40/api/me', headers: [], wantsDhis2Token: false }, { servers: [{ baseUrl, token }] });
			assert.equal(decision.verdict, 'inject', baseUrl);
			assert.equal(decision.server?.baseUrl, 'https://play.dhis2.org/40');
		}
	});

	it('an unusable configured base URL matches nothing', () => {
		const decision = decideInjection({ method: 'GET', url: 'https://x.example/api/me', headers: [], wantsDhis2Token: true }, { servers: [{ baseUrl: 'x.example', token }] });
		assert.equal(decision.verdict, 'refuse');
	});
});

describe('.http redirect rules (pure)', () => {
	const server = scopeOf('https://a.example/dhis');
	const first = new URL('https://a.example/dhis/api/me');
	const active = { tokenActive: true, userCredentialsActive: true };
	const table: readonly { to: string; from?: string; token: boolean; user: boolean; reason: RegExp }[] = [
		{ to: 'https://a.example/dhis/api/33/me', token: true, user: true, reason: /^$/ },
		{ to: 'https://a.example/login/', token: false, user: true, reason: /leaves the server's base URL https:\/\/a\.example\/dhis/ },
		{ to: 'https://b.example/dhis/api/me', token: false, user: false, reason: /leaves https:\/\/a\.example for https:\/\/b\.example/ },
		{ to: 'https://a.example:8443/dhis/api/me', token: false, user: false, reason: /leaves/ },
		{ to: 'http://a.example/dhis/api/me', token: false, user: false, reason: /from https to http/ },
	];
	for (const row of table) {
		it(`${first.href} → ${row.to}`, () => {
			const carry = carryCredentials(active, server, first, new URL(row.from ?? first.href), new URL(row.to));
			assert.equal(carry.tokenActive, row.token);
			assert.equal(carry.userCredentialsActive, row.user);
			assert.equal(carry.tokenDropped, !row.token);
			assert.match(carry.reason, row.reason);
		});
	}

	it('once dropped, nothing comes back on a redirect home', () => {
		const carry = carryCredentials({ tokenActive: false, userCredentialsActive: false }, server, first, new URL('https://b.example/x'), new URL('https://a.example/dhis/api/me'));
		assert.equal(carry.tokenActive, false);
		assert.equal(carry.userCredentialsActive, false);
		assert.equal(carry.tokenDropped, false, 'nothing left to drop');
	});

	it('301/302/303 continue as GET without body; 307/308 keep both; HEAD stays HEAD', () => {
		for (const status of [301, 302, 303]) assert.deepEqual(methodAfterRedirect(status, 'POST'), { method: 'GET', keepBody: false });
		for (const status of [307, 308]) assert.deepEqual(methodAfterRedirect(status, 'PUT'), { method: 'PUT', keepBody: true });
		assert.deepEqual(methodAfterRedirect(303, 'HEAD'), { method: 'HEAD', keepBody: false });
	});
});
