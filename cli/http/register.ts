import { createRequire } from 'node:module';
import { join } from 'node:path';
import { type Command, InvalidArgumentError, Option } from 'commander';
import { type CommandIo } from '../scanOptions';
// Type only (erased): the runner itself is loaded at run time, see loadRunner.
import { type runHttpCommand } from './command';

/** Parsed `dhis2-pat http` options, as commander hands them over. */
export interface HttpCliOptions {
	readonly request?: string;
	readonly env?: string;
	readonly dryRun?: boolean;
	readonly format: 'text' | 'json';
	readonly tokenEnv: string;
	readonly baseUrl?: string;
	readonly allowInsecureHttp?: boolean;
	readonly timeout?: number;
	readonly cacert?: string;
}

const HELP_AFTER = `
The key is read from $DHIS2_TOKEN (or --token-env VAR) and injected as "Authorization: ApiToken <key>" only
into requests under the base URL in $DHIS2_BASE_URL (or --base-url): same scheme, host, port and path prefix.
A request elsewhere never gets it; a file asking for it elsewhere (Authorization: ApiToken {{$dhis2.token}})
is refused. Redirects are followed (up to 10); the token never follows one to another origin or to http.
Keys are shown masked (d2p_v3aW…9OZl) in all output.

Exit codes:
  0  every response was 2xx or 3xx
  1  at least one response had another status
  2  usage, parse or resolve error, refused request, or network failure

Examples:
  DHIS2_BASE_URL=https://play.dhis2.org/40 DHIS2_TOKEN=… dhis2-pat http smoke.http
  dhis2-pat http api.http --request me --env dev --format json
  dhis2-pat http api.http --dry-run --format json`;

function parseSeconds(value: string): number {
	const seconds = Number(value);
	if (!/^\d+(\.\d+)?$/.test(value.trim()) || !(seconds > 0)) throw new InvalidArgumentError('expected a positive number of seconds');
	return Math.round(seconds * 1000);
}

interface Runner {
	readonly runHttpCommand: typeof runHttpCommand;
}

/**
 * The runner (undici, parser, sender) is a bundle of its own, dist/cli-http.js, loaded only when `http`
 * runs: inside dist/cli.js it would add a megabyte of JavaScript to parse on every `scan`. From the
 * TypeScript sources (tsx) the same require finds ./command.ts. The path is computed so esbuild leaves
 * the require alone instead of inlining the runner.
 */
function loadRunner(): Runner {
	const fromSources = __filename.endsWith('.ts');
	return createRequire(__filename)(join(__dirname, fromSources ? 'command' : 'cli-http.js')) as Runner;
}

/** Adds `dhis2-pat http`. Cheap on purpose: the runner (undici, parser, sender) loads only when the command runs. */
export function registerHttpCommand(program: Command, io: CommandIo, setExitCode: (code: number) => void): void {
	program
		.command('http')
		.summary('send the requests of a .http/.rest file, injecting the DHIS2 token only for its own server')
		.description(
			'Run the requests of a .http or .rest file (JetBrains/REST Client syntax) in order, e.g. as CI smoke tests. ' +
				'Variables come from the file, http-client(.private).env.json (--env), .env and the process environment.',
		)
		.argument('<file>', 'the .http or .rest file')
		.option('-r, --request <name>', 'run only this request (its # @name or ### title, or its number from 1)')
		.option('-e, --env <name>', 'environment from http-client.env.json / http-client.private.env.json')
		.option('--dry-run', 'resolve and print the requests (keys masked) without sending anything')
		.addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json']).default('text'))
		.option('--token-env <VAR>', 'environment variable holding the DHIS2 key', 'DHIS2_TOKEN')
		.option('--base-url <url>', 'the DHIS2 server the key belongs to (default: $DHIS2_BASE_URL)')
		.option('--allow-insecure-http', 'allow sending the key over plain http:// to a host that is not this machine')
		.addOption(new Option('--timeout <seconds>', 'per-request timeout (a "# @timeout" line wins)').argParser(parseSeconds))
		.option('--cacert <file>', 'extra trusted CA certificates (PEM) for servers behind a private CA')
		.addHelpText('after', HELP_AFTER)
		.action(async (file: string, options: HttpCliOptions) => {
			setExitCode(await loadRunner().runHttpCommand(file, options, io));
		});
}
