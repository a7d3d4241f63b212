import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CommandIds, HIDDEN_FROM_PALETTE } from '../../client/commandIds';
import { HttpCommandIds } from '../../client/http/commandIds';
import { remediationUrlFromManifest } from '../../client/remediation';
import { DEFAULT_SECRETS_SETTINGS, SECRETS_SECTION } from '../../core/protocol/settings';

// The manifest is the contract between VS Code and the client: these checks catch a setting, command or
// packaging entry that drifted from the code, which nothing else would notice without running VS Code.
const root = join(__dirname, '..', '..');

interface Property {
	readonly type: string;
	readonly default: unknown;
	readonly enum?: readonly string[];
	readonly enumDescriptions?: readonly string[];
	readonly scope?: string;
}

interface Manifest {
	readonly main: string;
	readonly homepage: string;
	readonly icon: string;
	readonly activationEvents: readonly string[];
	readonly capabilities: { readonly virtualWorkspaces: { readonly supported: boolean; readonly description: string }; readonly untrustedWorkspaces: { readonly supported: boolean | 'limited'; readonly description?: string } };
	readonly contributes: {
		readonly commands: readonly { readonly command: string; readonly title: string; readonly category: string }[];
		readonly menus: { readonly commandPalette: readonly { readonly command: string; readonly when: string }[] };
		readonly configuration: { readonly title: string; readonly properties: Record<string, Property> };
	};
}

const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as Manifest;
const properties = manifest.contributes.configuration.properties;

describe('client: extension manifest', () => {
	it('activates lazily, never on `*`', () => {
		assert.deepEqual(manifest.activationEvents, ['onStartupFinished']);
		assert.equal(manifest.main, './dist/extension.js');
	});

	it('contributes exactly the commands the client registers, in the DHIS2 category', () => {
		const contributed = manifest.contributes.commands.map((command) => command.command).sort();
		assert.deepEqual(contributed, [...Object.values(CommandIds), ...Object.values(HttpCommandIds)].sort());
		for (const command of manifest.contributes.commands) {
			assert.equal(command.category, 'DHIS2', command.command);
			assert.ok(command.command.startsWith('dhis2.'), command.command);
		}
		const scan = manifest.contributes.commands.find((command) => command.command === CommandIds.scanWorkspace);
		assert.equal(`${scan?.category}: ${scan?.title}`, 'DHIS2: Scan Workspace for Hardcoded Tokens');
	});

	it('hides internal commands from the Command Palette', () => {
		const hidden = manifest.contributes.menus.commandPalette.filter((entry) => entry.when === 'false').map((entry) => entry.command);
		assert.deepEqual(hidden.sort(), [...HIDDEN_FROM_PALETTE].sort());
	});

	it('declares every secrets setting the server reads, with the same defaults', () => {
		assert.equal(manifest.contributes.configuration.title, 'DHIS2 Personal Access Tokens');
		const declared = Object.keys(properties).filter((key) => key.startsWith(`${SECRETS_SECTION}.`));
		assert.deepEqual(declared.sort(), Object.keys(DEFAULT_SECRETS_SETTINGS).map((key) => `${SECRETS_SECTION}.${key}`).sort());
		for (const [key, value] of Object.entries(DEFAULT_SECRETS_SETTINGS)) {
			const property = properties[`${SECRETS_SECTION}.${key}`];
			assert.ok(property, key);
			assert.equal(property.default, value, `default of ${key}`);
			assert.equal(property.type, typeof value === 'number' ? 'integer' : typeof value, `type of ${key}`);
		}
	});

	it('offers each lookalike severity with a description', () => {
		const lookalikes = properties[`${SECRETS_SECTION}.lookalikes`];
		assert.deepEqual(lookalikes?.enum, ['off', 'hint', 'information', 'warning']);
		assert.equal(lookalikes.enumDescriptions?.length, lookalikes.enum.length);
	});

	it('has the trace setting vscode-languageclient reads for the `dhis2` client', () => {
		const trace = properties['dhis2.trace.server'];
		assert.deepEqual(trace?.enum, ['off', 'messages', 'verbose']);
		assert.equal(trace.scope, 'window');
		assert.equal(trace.default, 'off');
	});

	it('declares workspace trust and virtual workspace support', () => {
		// Limited: the .http runner never injects tokens there and asks before every send (issue 4).
		assert.equal(manifest.capabilities.untrustedWorkspaces.supported, 'limited');
		assert.ok((manifest.capabilities.untrustedWorkspaces.description ?? '').length > 0);
		assert.equal(manifest.capabilities.virtualWorkspaces.supported, false);
		assert.ok(manifest.capabilities.virtualWorkspaces.description.length > 0);
	});

	it('links diagnostics to the README remediation section on the homepage', () => {
		assert.equal(remediationUrlFromManifest(manifest), 'https://github.com/dhis2-pat/dhis2-pat#remediation');
		assert.equal(remediationUrlFromManifest({ homepage: 'https://example.org/x/' }), 'https://example.org/x#remediation');
		assert.equal(remediationUrlFromManifest({ homepage: 'javascript:alert(1)' }), undefined);
		assert.equal(remediationUrlFromManifest({}), undefined);
		assert.equal(remediationUrlFromManifest(undefined), undefined);
	});

	it('has a 128×128 PNG icon', () => {
		const png = readFileSync(join(root, manifest.icon));
		assert.equal(png.subarray(1, 4).toString('ascii'), 'PNG');
		assert.equal(png.readUInt32BE(16), 128, 'width');
		assert.equal(png.readUInt32BE(20), 128, 'height');
	});

	it('packages from an allowlist: ignore everything, re-include the runtime files', () => {
		const lines = readFileSync(join(root, '.vscodeignore'), 'utf8').split('\n').map((line) => line.trim()).filter((line) => line && !line.startsWith('#'));
		assert.equal(lines[0], '**');
		for (const file of ['!dist/extension.js', '!dist/server.js', '!package.json', '!LICENSE', `!${manifest.icon}`]) {
			assert.ok(lines.includes(file), `${file} re-included`);
		}
		assert.ok(!lines.some((line) => line.includes('.map') || line.includes('cli.js')), 'no source maps or CLI bundle in the extension');
	});
});
