import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CA_CERTIFICATES_SETTING, TIMEOUT_SETTING } from '../../core/dhis2/client/requestContext';
import { AUTH_PROVIDER_ID, AUTH_PROVIDER_LABEL } from '../../client/auth/sessions';
import { CommandIds } from '../../client/commandIds';
import { DEFAULT_TIMEOUT_SECONDS, MAX_TIMEOUT_SECONDS, MIN_TIMEOUT_SECONDS } from '../../client/servers/httpSettings';
import { SERVERS_SETTING } from '../../client/servers/serverList';
import { DEFAULT_EXPIRY_WARNING_DAYS, EXPIRY_WARNING_DAYS_SETTING } from '../../client/tokens/reminders';
import { NOTE_COMMANDS } from '../../client/tokens/serverNotes';
import { SERVER_FLAGS, TOKEN_FLAGS } from '../../client/tokens/tokenPresentation';
import { TOKENS_VIEW_ID } from '../../client/tokens/viewIds';

// Without VS Code, the manifest is where view ids, context values and menus can silently drift from
// the code; these checks tie each one to the constant the code uses.
const root = join(__dirname, '..', '..');

interface MenuEntry {
	readonly command: string;
	readonly when?: string;
	readonly group?: string;
}

interface Property {
	readonly type: string;
	readonly default: unknown;
	readonly scope?: string;
	readonly minimum?: number;
	readonly maximum?: number;
	readonly description?: string;
	readonly markdownDescription?: string;
	readonly items?: { readonly properties: Record<string, unknown>; readonly required?: readonly string[] };
}

interface Manifest {
	readonly contributes: {
		readonly commands: readonly { readonly command: string; readonly title: string; readonly category: string; readonly icon?: string }[];
		readonly menus: Record<string, readonly MenuEntry[]>;
		readonly viewsContainers: { readonly activitybar: readonly { readonly id: string; readonly title: string; readonly icon: string }[] };
		readonly views: Record<string, readonly { readonly id: string; readonly name: string }[]>;
		readonly viewsWelcome: readonly { readonly view: string; readonly contents: string }[];
		readonly authentication: readonly { readonly id: string; readonly label: string }[];
		readonly configuration: { readonly properties: Record<string, Property> };
	};
}

const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as Manifest;
const { contributes } = manifest;
const commandIds = new Set(contributes.commands.map((command) => command.command));

describe('client tokens: manifest contributions', () => {
	it('puts the Tokens view in its own activity-bar container, with a packaged SVG icon', () => {
		const [container] = contributes.viewsContainers.activitybar;
		assert.ok(container);
		assert.deepEqual(contributes.views[container.id]?.map((view) => view.id), [TOKENS_VIEW_ID]);
		const svg = readFileSync(join(root, container.icon), 'utf8');
		assert.match(svg, /^<svg [^>]*viewBox="0 0 24 24"/);
		const ignore = readFileSync(join(root, '.vscodeignore'), 'utf8').split('\n').map((line) => line.trim());
		assert.ok(ignore.includes(`!${container.icon}`), 'the icon is packaged');
	});

	it('declares the dhis2 authentication provider the code registers', () => {
		assert.deepEqual(contributes.authentication, [{ id: AUTH_PROVIDER_ID, label: AUTH_PROVIDER_LABEL }]);
	});

	it('only references contributed commands from menus, welcome views and tree notes', () => {
		for (const [menu, entries] of Object.entries(contributes.menus)) {
			for (const entry of entries) assert.ok(commandIds.has(entry.command), `${menu}: ${entry.command}`);
		}
		for (const welcome of contributes.viewsWelcome) {
			assert.equal(welcome.view, TOKENS_VIEW_ID);
			for (const [, command] of welcome.contents.matchAll(/\(command:([\w.]+)\)/g)) assert.ok(commandIds.has(command ?? ''), command);
		}
		assert.match(contributes.viewsWelcome[0]?.contents ?? '', /\[Add Server\]\(command:dhis2\.addServer\)/);
		assert.match(contributes.viewsWelcome[0]?.contents ?? '', /\[Generate Token\]\(command:dhis2\.generateToken\)/);
		for (const command of Object.values(NOTE_COMMANDS)) assert.ok((Object.values(CommandIds) as string[]).includes(command), command);
	});

	it('keys tree menus on context-value flags the tree actually sets', () => {
		const known = new Set<string>([...TOKEN_FLAGS, ...SERVER_FLAGS]);
		const used = new Set<string>();
		for (const entry of contributes.menus['view/item/context'] ?? []) {
			assert.match(entry.when ?? '', new RegExp(`^view == ${TOKENS_VIEW_ID.replace('.', '\\.')} && `), entry.command);
			for (const [, flag] of (entry.when ?? '').matchAll(/viewItem =~ \/\\b(\w+)\\b\//g)) {
				assert.ok(known.has(flag ?? ''), `${entry.command}: unknown flag ${flag}`);
				used.add(flag ?? '');
			}
			if (entry.group?.startsWith('inline')) {
				assert.ok(contributes.commands.find((command) => command.command === entry.command)?.icon, `${entry.command} needs an icon inline`);
			}
		}
		for (const flag of ['dhis2Server', 'dhis2Token', 'stored', 'revocable', 'rotatable', 'activatable', 'signedIn']) assert.ok(used.has(flag), flag);
		const tokenMenu = (command: string) => (contributes.menus['view/item/context'] ?? []).filter((entry) => entry.command === command).map((entry) => entry.when ?? '');
		assert.ok(tokenMenu(CommandIds.copyTokenKey).every((when) => when.includes('\\bstored\\b')), 'Copy Key only with a stored key');
		assert.ok(tokenMenu(CommandIds.revokeToken).every((when) => when.includes('\\brevocable\\b')));
	});

	it('has a refresh button in the view title', () => {
		assert.ok((contributes.menus['view/title'] ?? []).some((entry) => entry.command === CommandIds.refreshTokens && entry.group?.startsWith('navigation')));
	});

	it('gates token commands in the palette on servers or stored tokens existing', () => {
		const palette = new Map((contributes.menus.commandPalette ?? []).map((entry) => [entry.command, entry.when]));
		for (const command of [CommandIds.copyTokenKey, CommandIds.rotateToken, CommandIds.revokeToken, CommandIds.setActiveToken, CommandIds.forgetTokenKey]) {
			assert.equal(palette.get(command), 'dhis2.hasStoredTokens', command);
		}
		for (const command of [CommandIds.signIn, CommandIds.signOut, CommandIds.removeServer, CommandIds.importToken]) assert.equal(palette.get(command), 'dhis2.hasServers', command);
		assert.equal(palette.has(CommandIds.addServer), false, 'Add Server is always available');
	});

	it('declares every setting the token side reads, described, with the code\'s defaults and bounds', () => {
		const properties = contributes.configuration.properties;
		const servers = properties[SERVERS_SETTING];
		assert.equal(servers?.type, 'array');
		assert.deepEqual(servers.default, []);
		assert.equal(servers.scope, 'application', 'a workspace cannot add servers');
		assert.deepEqual(Object.keys(servers.items?.properties ?? {}).sort(), ['label', 'production', 'url']);
		assert.equal(properties[EXPIRY_WARNING_DAYS_SETTING]?.default, DEFAULT_EXPIRY_WARNING_DAYS);
		const timeout = properties[TIMEOUT_SETTING];
		assert.deepEqual([timeout?.default, timeout?.minimum, timeout?.maximum], [DEFAULT_TIMEOUT_SECONDS, MIN_TIMEOUT_SECONDS, MAX_TIMEOUT_SECONDS]);
		assert.equal(properties[CA_CERTIFICATES_SETTING]?.scope, 'application', 'a workspace cannot add trusted CAs');
		for (const [key, property] of Object.entries(properties)) {
			assert.ok((property.markdownDescription ?? property.description ?? '').length > 20, `${key} is described`);
		}
	});
});
