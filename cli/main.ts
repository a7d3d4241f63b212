import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { DEFAULT_MAX_FILE_BYTES } from '../core/scan';
import { FORMAT_NAMES, type FormatName } from './formats';
import { registerHttpCommand } from './http/register';
import { Messages } from './messages';
import { runScan } from './scanCommand';
import { type CommandIo, EXIT_ERROR, STDIN_ARGUMENT, UsageError } from './scanOptions';
import { readStdin } from './stdin';
import { toolVersion } from './version';

const HELP_AFTER = `
Exit codes:
  0  nothing found
  1  at least one token (or, with --include-lookalikes, lookalike) found
  2  usage error, or nothing at all could be scanned

Examples:
  dhis2-pat scan                               scan the current directory
  dhis2-pat scan --format sarif . > dhis2-pat.sarif
  dhis2-pat scan --staged                      scan what is about to be committed
  git show HEAD:app.py | dhis2-pat scan --stdin-filename app.py -

Ignore a finding with a 'dhis2-pat:allow' comment on its line ('dhis2-pat:allow-next-line' on the line
before), or list its fingerprint (sha256:…, from --format json) or a glob in .dhis2-pat-ignore.`;

interface ParsedScanOptions {
	format: FormatName;
	showSecrets?: boolean;
	includeLookalikes?: boolean;
	inlineIgnores: boolean;
	gitignore: boolean;
	staged?: boolean;
	stdinFilename?: string;
	ignoreFile?: string;
	maxFileSize: number;
	color: boolean;
	verbose?: boolean;
}

function parseKilobytes(value: string): number {
	const kilobytes = Number(value);
	if (!/^\d+(\.\d+)?$/.test(value.trim()) || !(kilobytes > 0)) throw new InvalidArgumentError('expected a positive number of kilobytes');
	return Math.floor(kilobytes * 1024);
}

export function buildProgram(io: CommandIo, setExitCode: (code: number) => void): Command {
	const program = new Command('dhis2-pat')
		.description('Find hardcoded DHIS2 personal access tokens (V1 d2pat_…, V2 d2p_…), verified by their checksum.')
		.version(toolVersion(), '-V, --version')
		.exitOverride()
		.configureOutput({ writeOut: (text) => io.writeStdout(text), writeErr: (text) => process.stderr.write(text) });

	program
		.command('scan')
		.summary('scan files, directories, standard input or the git index for DHIS2 tokens')
		.description(
			'Scan files and directories (default: the current directory) for DHIS2 personal access tokens. ' +
				'Directories are walked recursively, dotfiles included, honouring .gitignore; .env files are scanned ' +
				`even when git ignores them. '${STDIN_ARGUMENT}' reads standard input.`,
		)
		.argument('[paths...]', `files or directories to scan, or '${STDIN_ARGUMENT}' for standard input`)
		.addOption(new Option('-f, --format <format>', 'output format').choices(FORMAT_NAMES).default('text'))
		.option('--show-secrets', 'print tokens in full instead of masked (d2p_v3aW…9OZl)')
		.option('--include-lookalikes', 'also report strings shaped like a token whose checksum fails')
		.option('--no-inline-ignores', 'report tokens even on lines with a dhis2-pat:allow (or gitleaks:allow…) comment')
		.option('--no-gitignore', 'walk directories without honouring .gitignore and .git/info/exclude')
		.option('--staged', 'scan the files staged in the git index (their staged content), for pre-commit hooks')
		.option('--stdin-filename <name>', `path to report for '${STDIN_ARGUMENT}' (default: <stdin>); .dhis2-pat-ignore globs apply to it`)
		.option('--ignore-file <path>', 'use this ignore file instead of ./.dhis2-pat-ignore and those at each directory argument')
		.addOption(
			new Option('--max-file-size <KB>', 'skip files larger than this many kilobytes')
				.argParser(parseKilobytes)
				.default(DEFAULT_MAX_FILE_BYTES, String(DEFAULT_MAX_FILE_BYTES / 1024)),
		)
		.option('--no-color', 'no colour in text output (also: NO_COLOR=1); colour needs a terminal or FORCE_COLOR=1')
		.option('--verbose', 'list every binary file skipped while walking directories')
		.addHelpText('after', HELP_AFTER)
		.action(async (paths: string[], options: ParsedScanOptions) => {
			const code = await runScan(
				paths,
				{
					format: options.format,
					showSecrets: options.showSecrets ?? false,
					includeLookalikes: options.includeLookalikes ?? false,
					inlineIgnores: options.inlineIgnores,
					gitignore: options.gitignore,
					staged: options.staged ?? false,
					stdinFilename: options.stdinFilename,
					ignoreFile: options.ignoreFile,
					maxFileBytes: options.maxFileSize,
					color: options.color,
					verbose: options.verbose ?? false,
				},
				io,
			);
			setExitCode(code);
		});
	registerHttpCommand(program, io, setExitCode);
	return program;
}

/** Commander's errors exit 1; this CLI keeps 1 for "found" and uses 2 for every usage error. */
export async function main(argv: readonly string[]): Promise<number> {
	const messages = new Messages();
	const io: CommandIo = {
		cwd: process.cwd(),
		env: process.env,
		stdoutIsTty: process.stdout.isTTY === true,
		writeStdout: (text) => process.stdout.write(text),
		messages,
		readStdin,
	};
	let exitCode = EXIT_ERROR;
	try {
		await buildProgram(io, (code) => (exitCode = code)).parseAsync(argv);
		return exitCode;
	} catch (error) {
		if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : EXIT_ERROR;
		if (error instanceof UsageError) {
			messages.error(error.message);
			return EXIT_ERROR;
		}
		messages.error(`unexpected failure: ${error instanceof Error ? error.message : String(error)}`);
		return EXIT_ERROR;
	}
}

if (require.main === module) {
	// `| head` closing the pipe early is not a failure worth a stack trace.
	process.stdout.on('error', (error: NodeJS.ErrnoException) => {
		if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
	});
	void main(process.argv).then((code) => {
		process.exitCode = code;
	});
}
