import assert from 'node:assert/strict';
import { generateToken, mask, seededRandom } from '../../core/token';
import { type FormPage, openForm } from './formPage';

/** The whole flow with the keyboard only: Tab, arrows, Space and Enter, no clicks. */
describe('generate-token page: keyboard only', function () {
	let form: FormPage;

	beforeEach(async () => {
		form = await openForm();
		await form.init();
	});
	afterEach(async () => {
		await form.assertClean();
	});

	/** Presses Tab until the element with this id has the focus; fails if Tab never gets there. */
	async function tabTo(id: string, key: 'Tab' | 'Shift+Tab' = 'Tab'): Promise<void> {
		for (let presses = 0; presses < 30; presses += 1) {
			if ((await form.focusedId()) === id) return;
			await form.page.keyboard.press(key);
		}
		assert.fail(`Tab never reached #${id} (focus is on #${await form.focusedId()})`);
	}

	it('fills in the form, generates, copies and closes without a pointer', async () => {
		const { keyboard } = form.page;
		await tabTo('context-server');
		await keyboard.press('ArrowDown');
		assert.equal(await form.page.isChecked('#context-browser'), true, 'arrow keys move between the context radios');
		await keyboard.press('ArrowUp');
		assert.equal(await form.page.isChecked('#context-server'), true);

		await tabTo('name');
		await keyboard.type('kbd-token');
		await tabTo('expiry');
		await keyboard.press('ArrowDown');
		assert.equal(await form.page.inputValue('#expiry'), '60');
		await tabTo('allowed-ips');
		await keyboard.type('192.0.2.10');
		await keyboard.press('Enter');
		await keyboard.type('10.0.0.0/8');
		await tabTo('method-GET');
		await tabTo('method-POST');
		await keyboard.press('Space');
		assert.equal(await form.page.isChecked('#method-POST'), true);

		await tabTo('generate');
		await keyboard.press('Enter');
		assert.equal(await form.focusedId(), 'allowed-ips', 'the invalid field gets the focus');
		assert.deepEqual(await form.postedOf('generate'), []);
		await keyboard.press('Backspace');
		await keyboard.press('Backspace');
		await keyboard.press('Backspace');
		await keyboard.type('/');
		assert.equal(await form.page.inputValue('#allowed-ips'), '192.0.2.10\n10.0.0./');
		await keyboard.press('Control+A');
		await keyboard.type('192.0.2.10\n2001:db8::10');
		await keyboard.press('Control+Enter');
		const sent = await form.waitForPosted('generate');
		assert.deepEqual(sent.input, {
			context: 'server', name: 'kbd-token', expiry: { kind: 'preset', days: 60 }, allowedIps: '192.0.2.10\n2001:db8::10', allowedMethods: ['GET', 'POST'],
		});

		const key = generateToken({ random: seededRandom(11) });
		await form.dispatch({
			type: 'generateResult',
			requestId: sent.requestId,
			result: { kind: 'created', key, token: { tokenId: 'pQ4sT7vW0xZ', serverId: 'play', serverLabel: 'DHIS2 Play', masked: mask(key), expire: Date.now() + 60 * 86_400_000, name: 'kbd-token', context: 'server' } },
		});
		assert.equal(await form.focusedId(), 'copy');
		await keyboard.press('Enter');
		await form.waitForPosted('copyKey');
		await tabTo('done');
		await keyboard.press('Space');
		await form.waitForPosted('close');
		assert.equal(await form.page.inputValue('#key'), '');
	});

	it('Enter in a text field submits, Enter in a list adds a line', async () => {
		const { keyboard } = form.page;
		await tabTo('allowed-ips');
		await keyboard.type('192.0.2.1');
		await keyboard.press('Enter');
		assert.deepEqual(await form.postedOf('generate'), []);
		await tabTo('name', 'Shift+Tab');
		await keyboard.type('enter-submits');
		await keyboard.press('Enter');
		const sent = await form.waitForPosted('generate');
		assert.equal(sent.input.name, 'enter-submits');
		assert.equal(sent.input.allowedIps, '192.0.2.1');
	});
});
