import assert from 'node:assert/strict';
import { generateToken, mask, seededRandom } from '../../core/token';
import { type CreatedTokenSummary, type GenerateMessage } from '../../core/protocol/webview';
import { type FormPage, MODERN, NO_HEAD, OLD, openForm, SERVERS } from './formPage';

/** The page's side of the protocol, with the test playing the host message by message. */
describe('generate-token page: messages', function () {
	let form: FormPage;

	beforeEach(async () => {
		form = await openForm();
	});
	afterEach(async () => {
		await form.assertClean();
	});

	async function submitted(): Promise<GenerateMessage> {
		await form.page.click('#generate');
		return form.waitForPosted('generate');
	}

	it('says ready first and posts nothing else until the host has sent init', async () => {
		await form.waitForPosted('ready');
		await form.page.waitForTimeout(150);
		assert.deepEqual(await form.posted(), [{ type: 'ready' }]);
		assert.equal(await form.page.locator('#form').isVisible(), false);
		await form.init();
		const posted = await form.posted();
		assert.deepEqual(posted.slice(0, 2), [{ type: 'ready' }, { type: 'selectServer', serverId: 'play' }]);
	});

	it('ignores messages that are not the protocol', async () => {
		await form.waitForPosted('ready');
		await form.dispatch({ type: 'init', servers: 'all of them', defaults: {} } as never);
		assert.equal(await form.page.locator('#form').isVisible(), false);
		assert.deepEqual(await form.posted(), [{ type: 'ready' }]);
	});

	it('shows the IP list and its X-Forwarded-For warning for servers, the referrer list and its warning for browsers', async () => {
		const { page } = form;
		await form.init();
		const shown = async () => ({
			ips: await page.locator('#allowed-ips').isVisible(),
			forwardedFor: await page.locator('#allowed-ips-warning').isVisible(),
			referrers: await page.locator('#allowed-referrers').isVisible(),
			notSecurity: await page.locator('#allowed-referrers-warning').isVisible(),
			authorities: await page.locator('#authorities-warning').isVisible(),
		});
		assert.deepEqual(await shown(), { ips: true, forwardedFor: true, referrers: false, notSecurity: false, authorities: true });
		assert.match(await page.locator('#allowed-ips-warning').textContent() ?? '', /X-Forwarded-For.*forge/s);
		await page.check('#context-browser');
		assert.deepEqual(await shown(), { ips: false, forwardedFor: false, referrers: true, notSecurity: true, authorities: true });
		assert.match(await page.locator('#allowed-referrers-warning').textContent() ?? '', /not a security feature/i);
		assert.match(await page.locator('#authorities-warning').textContent() ?? '', /inherits all of your user's authorities.*dedicated user/s);
		assert.match(await page.locator('#allowed-referrers-hint').textContent() ?? '', /lower case/);
	});

	it('offers HEAD and the token name only where the chosen server supports them', async () => {
		const { page } = form;
		await form.init({ servers: SERVERS }, NO_HEAD);
		assert.equal(await page.locator('#server').isVisible(), true, 'the picker is shown for several servers');
		assert.equal(await page.locator('#method-HEAD').isVisible(), false);
		assert.equal(await page.locator('#name').isVisible(), true);

		await page.selectOption('#server', 'prod');
		await form.waitForPosted('selectServer', 2);
		await form.dispatch({ type: 'capabilities', serverId: 'prod', state: { status: 'known', capabilities: MODERN, version: '2.43.0' } });
		assert.equal(await page.locator('#method-HEAD').isVisible(), true);
		assert.match(await page.locator('#server-info').textContent() ?? '', /DHIS2 2\.43\.0.*production/);
		await page.check('#method-HEAD');

		await page.selectOption('#server', 'play');
		await form.dispatch({ type: 'capabilities', serverId: 'play', state: { status: 'known', capabilities: OLD } });
		assert.equal(await page.locator('#method-HEAD').isVisible(), false);
		assert.equal(await page.locator('#name').isVisible(), false);
		const sent = await submitted();
		assert.deepEqual(sent.input.allowedMethods, ['GET'], 'a hidden HEAD is not sent');
		assert.equal('name' in sent.input, false);
	});

	it('keeps Generate disabled until the server is known, and explains a failed lookup', async () => {
		const { page } = form;
		await form.waitForPosted('ready');
		await form.dispatch({ type: 'init', servers: [SERVERS[0]!], defaults: { context: 'server', expiryDays: 30, allowedMethods: ['GET'] } });
		assert.equal(await page.locator('#generate').isDisabled(), true);
		await form.dispatch({ type: 'capabilities', serverId: 'play', state: { status: 'failed', explanation: 'Could not reach play.example.org.', nextStep: 'Check your connection.' } });
		assert.equal(await page.locator('#generate').isDisabled(), true);
		assert.match(await page.locator('#server-problem').textContent() ?? '', /Could not reach play\.example\.org\. Check your connection\./);
		await page.click('#server-retry');
		await form.waitForPosted('selectServer', 2);
		await form.dispatch({ type: 'capabilities', serverId: 'play', state: { status: 'known', capabilities: MODERN } });
		assert.equal(await page.locator('#generate').isDisabled(), false);
		assert.equal(await page.locator('#server-problem').isVisible(), false);
	});

	it('sends exactly the cleaned input: trimmed lines, referrers lower-cased, only the list of the context', async () => {
		const { page } = form;
		await form.init();
		await page.fill('#name', '  ci-token ');
		await page.selectOption('#expiry', '90');
		await page.fill('#allowed-ips', '192.0.2.1');
		await page.check('#context-browser');
		await page.fill('#allowed-referrers', 'HTTPS://Apps.Example.ORG/Dash\n\n   https://b.example.org/  \n');
		await page.check('#method-POST');
		await page.check('#method-HEAD');
		const sent = await submitted();
		assert.deepEqual(sent, {
			type: 'generate',
			requestId: 1,
			serverId: 'play',
			input: {
				context: 'browser',
				name: 'ci-token',
				expiry: { kind: 'preset', days: 90 },
				allowedReferrers: 'https://apps.example.org/dash\nhttps://b.example.org/',
				allowedMethods: ['GET', 'HEAD', 'POST'],
			},
		});
		assert.equal(await page.locator('#generate').isDisabled(), true, 'no second request while one runs');
	});

	it('puts a server error on the field it names, and on the right line of a list', async () => {
		const { page } = form;
		await form.init();
		await page.fill('#name', 'nightly-export');
		await page.check('#context-browser');
		await page.fill('#allowed-referrers', 'https://apps.example.org/\n\nhttps://apps.example.test/');
		const sent = await submitted();
		await form.dispatch({
			type: 'generateResult',
			requestId: sent.requestId,
			result: {
				kind: 'invalid',
				explanation: 'Token name already exists.',
				nextStep: 'Choose a different token name.',
				problems: [
					{ field: 'name', message: 'Token name already exists. Choose a different token name.' },
					// Line 2 of the cleaned list that was sent; line 3 of the text area.
					{ field: 'allowedReferrers', message: 'DHIS2 rejected 1 referrer.', lines: [{ line: 2, value: 'https://apps.example.test/', reason: 'the server does not accept it' }] },
				],
			},
		});
		assert.match(await page.locator('#name-error').textContent() ?? '', /Token name already exists/);
		assert.equal(await page.getAttribute('#name', 'aria-invalid'), 'true');
		assert.match(await form.description('#name'), /already exists/);
		assert.equal(await form.focusedId(), 'name');
		assert.match(await page.locator('#allowed-referrers-error li').textContent() ?? '', /^Line 3 \("https:\/\/apps\.example\.test\/"\)/);
		assert.equal(await page.getAttribute('#form-alert', 'role'), 'alert');
		assert.match(await page.locator('#form-alert').textContent() ?? '', /already exists.*different token name/s);

		await page.fill('#name', 'nightly-export-2');
		assert.equal(await page.locator('#name-error').isVisible(), false, 'editing the field clears the server error');
		assert.equal(await page.locator('#allowed-referrers-error').isVisible(), true, 'other fields keep theirs');
	});

	it('shows a general failure with its next step and lets the user try again', async () => {
		await form.init();
		const sent = await submitted();
		await form.dispatch({ type: 'busy', busy: true, message: 'Creating the token on DHIS2 Play…' });
		assert.match(await form.page.locator('#page-status').textContent() ?? '', /Creating the token on DHIS2 Play/);
		await form.dispatch({ type: 'generateResult', requestId: sent.requestId, result: { kind: 'failed', explanation: 'DHIS2 did not answer within 30 seconds.', nextStep: 'Try again later.' } });
		assert.match(await form.page.locator('#form-alert').textContent() ?? '', /did not answer.*Try again later/s);
		assert.equal(await form.page.locator('#generate').isDisabled(), false);
		const again = await submitted();
		assert.equal(again.requestId, sent.requestId + 1);
	});

	it('shows the key once, copies through the host, and leaves neither DOM nor state holding it after Done', async () => {
		const { page } = form;
		await form.init();
		await page.fill('#name', 'reporting');
		const sent = await submitted();
		const key = generateToken({ version: 'v2', random: seededRandom(7) });
		const token: CreatedTokenSummary = {
			tokenId: 'jJYrtIVP7qU', serverId: 'play', serverLabel: 'DHIS2 Play', masked: mask(key), expire: Date.now() + 30 * 86_400_000, name: 'reporting', context: 'server',
		};
		await form.dispatch({ type: 'generateResult', requestId: sent.requestId, result: { kind: 'created', token, key } });

		assert.equal(await page.inputValue('#key'), key);
		assert.equal(await page.getAttribute('#key', 'readonly'), '');
		assert.equal(await page.getAttribute('#result-alert', 'role'), 'alert');
		assert.equal(await page.locator('#form').isVisible(), false);
		assert.match(await page.locator('#key-details').textContent() ?? '', /"reporting" \(jJYrtIVP7qU\)/);
		assert.equal(await form.focusedId(), 'copy');
		assert.equal((await page.content()).includes(key), false, 'the key is a property, never an attribute');

		await page.click('#copy');
		assert.deepEqual(await form.waitForPosted('copyKey'), { type: 'copyKey', tokenId: 'jJYrtIVP7qU' });
		await form.dispatch({ type: 'actionResult', action: 'copyKey', ok: true, message: 'Copied. The clipboard is cleared in 60 seconds.' });
		assert.equal(await page.locator('#action-status').textContent(), 'Copied. The clipboard is cleared in 60 seconds.');
		await page.click('#use-for-http');
		assert.deepEqual(await form.waitForPosted('useForHttp'), { type: 'useForHttp', tokenId: 'jJYrtIVP7qU' });
		await page.click('#write-env');
		assert.deepEqual(await form.waitForPosted('writeEnv'), { type: 'writeEnv', tokenId: 'jJYrtIVP7qU' });
		assert.deepEqual(await form.clipboardUse(), [], 'the page never touches the clipboard');

		await page.click('#done');
		assert.deepEqual(await form.waitForPosted('close'), { type: 'close' });
		assert.equal(await page.inputValue('#key'), '');
		assert.equal((await form.fieldValues()).some((value) => value.includes(key)), false);
		assert.equal((await page.locator('body').innerText()).includes(key), false);

		const states = await form.states();
		assert.ok(states.some((state) => state.includes('"reporting"')), 'form fields were persisted, so the check below has something to look at');
		for (const state of states) {
			assert.equal(state.includes(key), false, 'the key never reaches setState');
			assert.equal(state.includes(mask(key)), false, 'nor does its masked form');
		}
		assert.equal(states.at(-1), 'undefined', 'the finished form is dropped from state');
		assert.equal(JSON.stringify(await form.posted()).includes(key), false, 'and the page never posts it back');
	});

	it('after a reload shows the created token masked, never the key', async () => {
		const key = generateToken({ version: 'v2', random: seededRandom(8) });
		const token: CreatedTokenSummary = { tokenId: 'kLm2Xq9RtY1', serverId: 'play', serverLabel: 'DHIS2 Play', masked: mask(key), expire: Date.now() + 86_400_000, context: 'browser' };
		await form.waitForPosted('ready');
		await form.dispatch({ type: 'init', servers: [SERVERS[0]!], defaults: { context: 'server', expiryDays: 30, allowedMethods: ['GET'] }, created: token });
		assert.equal(await form.page.inputValue('#key'), mask(key));
		assert.match(await form.page.locator('#key-help').textContent() ?? '', /no longer displayed/);
		await form.page.click('#copy');
		assert.deepEqual(await form.waitForPosted('copyKey'), { type: 'copyKey', tokenId: 'kLm2Xq9RtY1' });
	});

	it('restores the non-secret form fields from state after a reload', async () => {
		form = await openForm({
			initialState: {
				version: 1, serverId: 'play',
				values: { context: 'browser', name: 'dash', expiry: '60', expiryDate: '', allowedIps: '', allowedReferrers: 'https://apps.example.org/', allowedMethods: ['GET', 'PUT'] },
			},
		});
		await form.init();
		assert.equal(await form.page.isChecked('#context-browser'), true);
		assert.equal(await form.page.inputValue('#name'), 'dash');
		assert.equal(await form.page.inputValue('#expiry'), '60');
		assert.equal(await form.page.inputValue('#allowed-referrers'), 'https://apps.example.org/');
		assert.equal(await form.page.isChecked('#method-PUT'), true);
	});
});
