import { parseArgs } from 'node:util';
import { DEMO_USERS, startEmulator } from './index';

const USAGE = `Usage: npm run emulator -- [options]

A local DHIS2 emulator of the personal access token endpoints and ApiToken authentication.

Options:
  --port <n>                 port to listen on (default 8080; 0 = any free port)
  --host <address>           address to bind (default 127.0.0.1)
  --version <x.y[.z]>        DHIS2 release to imitate (default 2.43: token names and HEAD), e.g. 2.37, 2.40, 2.40.9, 2.41.6, 2.43
  --enable-api-token-auth    turn token authentication on for 2.37 (enable.api_token.authentication = on)
  --help                     show this help`;

function fail(message: string): never {
	console.error(`${message}\n\n${USAGE}`);
	process.exit(2);
}

async function main(): Promise<void> {
	let values;
	try {
		({ values } = parseArgs({
			options: {
				port: { type: 'string', default: '8080' },
				host: { type: 'string', default: '127.0.0.1' },
				version: { type: 'string', default: '2.43' },
				'enable-api-token-auth': { type: 'boolean', default: false },
				help: { type: 'boolean', default: false },
			},
		}));
	} catch (error) {
		fail((error as Error).message);
	}
	if (values.help) {
		console.log(USAGE);
		return;
	}
	const port = Number(values.port);
	if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`Invalid --port "${values.port}"`);

	let emulator;
	try {
		emulator = await startEmulator({
			host: values.host,
			port,
			version: values.version,
			...(values['enable-api-token-auth'] ? { enableApiTokenAuth: true } : {}),
		});
	} catch (error) {
		console.error(`Could not start the DHIS2 emulator: ${(error as Error).message}`);
		process.exit(1);
	}

	// Handlers first: a parent that reads the URL below may signal at once.
	let stopping = false;
	const stop = (): void => {
		if (stopping) return;
		stopping = true;
		emulator.close().then(() => {
			console.log('DHIS2 emulator stopped.');
			process.exit(0);
		}, (error: unknown) => {
			console.error(`Error while stopping: ${(error as Error).message}`);
			process.exit(1);
		});
	};
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);

	const auth = emulator.tokenAuthEnabled ? 'on' : 'off (start with --enable-api-token-auth to turn it on)';
	console.log(`DHIS2 ${emulator.version} emulator listening on ${emulator.url}`);
	console.log(`Token authentication: ${auth}`);
	console.log('Demo users (username / password):');
	for (const user of Object.values(DEMO_USERS)) {
		console.log(`  ${user.username.padEnd(6)} / ${user.password.padEnd(12)} ${user.description}`);
	}
	console.log('State is in memory only. Press Ctrl+C to stop.');
}

void main();
