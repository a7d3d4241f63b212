import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { poll } from '../support/poll';

const PROBE_ID = 'dhis2-pat-integration.secrets-probe';

describe('SecretStorage (a probe extension\'s context.secrets)', () => {
	it('stores, reads back, announces and deletes a secret', async () => {
		const probe = vscode.extensions.getExtension<{ secrets: vscode.SecretStorage }>(PROBE_ID);
		assert.ok(probe, `${PROBE_ID} is loaded by the harness next to dhis2-pat`);
		const { secrets } = await probe.activate();
		const key = `integration-${randomBytes(4).toString('hex')}`;
		const value = randomBytes(16).toString('hex');
		const changed: string[] = [];
		const subscription = secrets.onDidChange((event) => changed.push(event.key));
		try {
			assert.equal(await secrets.get(key), undefined);
			await secrets.store(key, value);
			assert.equal(await secrets.get(key), value);
			await poll('the change event', () => (changed.includes(key) ? true : undefined), 5_000);
			await secrets.delete(key);
			assert.equal(await secrets.get(key), undefined);
		} finally {
			subscription.dispose();
		}
	});
});
