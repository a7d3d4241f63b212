import assert from 'node:assert/strict';
import { formatDate } from '../../core/dhis2/tokens';
import { type FormPage, NO_HEAD, openForm } from './formPage';

/** Live validation in the page: the rules of core/dhis2/tokens, shown on the field they belong to. */
describe('generate-token page: validation per field', function () {
	let form: FormPage;

	beforeEach(async () => {
		form = await openForm();
		await form.init({}, NO_HEAD);
	});
	afterEach(async () => {
		await form.assertClean();
	});

	it('marks each bad IP line with its line number and reason, and wires aria-invalid to the error text', async () => {
		const { page } = form;
		await page.fill('#allowed-ips', '192.0.2.10\n\n10.0.0.0/8\nexample.org\n2001:db8::1');
		await page.press('#allowed-ips', 'Tab');
		const error = page.locator('#allowed-ips-error');
		assert.equal(await error.isVisible(), true);
		const items = await error.locator('li').allTextContents();
		assert.equal(items.length, 2);
		assert.match(items[0] ?? '', /^Line 3 \("10\.0\.0\.0\/8"\): ranges \(CIDR\) are not supported/);
		assert.match(items[1] ?? '', /^Line 4 \("example\.org"\): host names are not allowed/);
		assert.equal(await page.getAttribute('#allowed-ips', 'aria-invalid'), 'true');
		assert.match(await form.description('#allowed-ips'), /2 invalid IP addresses.*Line 3/s);

		await page.fill('#allowed-ips', '192.0.2.10\n\n2001:db8::1');
		assert.equal(await error.isVisible(), false);
		assert.equal(await page.getAttribute('#allowed-ips', 'aria-invalid'), null);
		assert.doesNotMatch(await page.getAttribute('#allowed-ips', 'aria-describedby') ?? '', /allowed-ips-error/);
	});

	it('rejects an IPv6 range as CIDR too', async () => {
		await form.page.fill('#allowed-ips', '2001:db8::/32');
		await form.page.press('#allowed-ips', 'Tab');
		assert.match(await form.page.locator('#allowed-ips-error').textContent() ?? '', /Line 1 \("2001:db8::\/32"\): ranges \(CIDR\)/);
	});

	it('rejects referrers that are not full URLs, line by line, in the browser context', async () => {
		const { page } = form;
		await page.check('#context-browser');
		await page.fill('#allowed-referrers', 'https://apps.example.org/\napps.example.org\nhttp://localhost:3000/');
		await page.press('#allowed-referrers', 'Tab');
		const items = await page.locator('#allowed-referrers-error li').allTextContents();
		assert.deepEqual(items.map((item) => item.slice(0, item.indexOf(':', item.indexOf(')')))), ['Line 2 ("apps.example.org")', 'Line 3 ("http://localhost:3000/")']);
		assert.match(items[1] ?? '', /localhost/);
		assert.equal(await page.getAttribute('#allowed-referrers', 'aria-invalid'), 'true');
	});

	it('shows a non-blocking notice for a referrer without its trailing slash', async () => {
		await form.page.check('#context-browser');
		await form.page.fill('#allowed-referrers', 'https://apps.example.org');
		const notice = form.page.locator('#allowed-referrers-notice');
		assert.equal(await notice.locator('p').textContent(), 'Check before sending:');
		assert.deepEqual(await notice.locator('li').allTextContents(), [
			'Line 1 ("https://apps.example.org"): browsers send "https://apps.example.org/" (with a trailing slash); DHIS2 compares the whole URL exactly',
		]);
		assert.match(await form.description('#allowed-referrers'), /trailing slash/);
		assert.equal(await form.page.getAttribute('#allowed-referrers', 'aria-invalid'), null);
	});

	it('refuses an empty method list (which DHIS2 would read as "every method")', async () => {
		const { page } = form;
		await page.uncheck('#method-GET');
		assert.match(await page.locator('#methods-error').textContent() ?? '', /Tick at least one HTTP method/);
		assert.equal(await page.getAttribute('#methods-field', 'aria-invalid'), 'true');
		assert.equal(await page.getAttribute('#method-GET', 'aria-invalid'), 'true');
		await page.check('#method-POST');
		assert.equal(await page.locator('#methods-error').isVisible(), false);
	});

	it('accepts only a custom expiry date after today', async () => {
		const { page } = form;
		assert.equal(await page.locator('#expiry-date').isVisible(), false);
		await page.selectOption('#expiry', 'custom');
		assert.equal(await page.locator('#expiry-date').isVisible(), true);
		await page.fill('#expiry-date', '2020-01-01');
		assert.match(await page.locator('#expiry-error').textContent() ?? '', /must be in the future/);
		assert.equal(await page.getAttribute('#expiry-date', 'aria-invalid'), 'true');
		await page.fill('#expiry-date', formatDate(Date.now() + 3 * 24 * 3600 * 1000));
		assert.equal(await page.locator('#expiry-error').isVisible(), false);
		assert.match(await page.locator('#expiry-hint').textContent() ?? '', /start of \d{4}-\d{2}-\d{2} \(UTC\)/);
	});

	it('limits the token name to 50 characters', async () => {
		const { page } = form;
		await page.fill('#name', 'n'.repeat(51));
		await page.press('#name', 'Tab');
		assert.match(await page.locator('#name-error').textContent() ?? '', /at most 50 characters \(it has 51\)/);
		assert.equal(await page.getAttribute('#name', 'aria-invalid'), 'true');
		assert.equal(await page.locator('#name-count').textContent(), '51/50');
		await page.fill('#name', 'n'.repeat(50));
		assert.equal(await page.getAttribute('#name', 'aria-invalid'), null);
	});

	it('does not show an error for a field before it has been left', async () => {
		await form.page.fill('#allowed-ips', '10.0.0.0/8');
		assert.equal(await form.page.locator('#allowed-ips-error').isVisible(), false);
	});

	it('on submit with errors, posts nothing, marks every bad field and focuses the first', async () => {
		const { page } = form;
		await page.fill('#name', 'x'.repeat(60));
		await page.fill('#allowed-ips', '300.1.1.1');
		await page.uncheck('#method-GET');
		await page.click('#generate');
		assert.deepEqual(await form.postedOf('generate'), []);
		for (const id of ['#name', '#allowed-ips', '#method-GET']) assert.equal(await page.getAttribute(id, 'aria-invalid'), 'true', id);
		assert.equal(await form.focusedId(), 'name');
		assert.match(await page.locator('#page-status').textContent() ?? '', /Fix the 3 marked fields/);
	});
});
