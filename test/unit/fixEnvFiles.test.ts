/** The move fix's name choice and its `.env`, `.gitignore` and `.env.example` edits. */
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { parse } from 'dotenv';
import {
	DEFAULT_ENV_NAME,
	EnvFilePlanner,
	type EnvironmentSnapshot,
	type FileChange,
	type FileSnapshot,
	MISSING_FILE,
	type OffsetEdit,
	assignedName,
	envNameFor,
	planMoveToEnv,
	profileFor,
} from '../../core/fix';
import { scanText } from '../../core/scan';
import { generateToken, seededRandom } from '../../core/token';

const random = seededRandom(77);
const TOKEN = generateToken({ random });
const OTHER = generateToken({ random });

/** Applies planned edits as an LSP client would (TextDocument.applyEdits rejects overlapping edits). */
function applyEdits(text: string, edits: readonly OffsetEdit[]): string {
	const document = TextDocument.create('file:///x', 'plaintext', 0, text);
	return TextDocument.applyEdits(
		document,
		edits.map((edit) => ({ range: { start: document.positionAt(edit.start), end: document.positionAt(edit.end) }, newText: edit.newText })),
	);
}

function file(text: string): FileSnapshot {
	return { exists: true, text };
}

function environment(overrides: Partial<EnvironmentSnapshot> = {}): EnvironmentSnapshot {
	return { dotenv: MISSING_FILE, gitignore: MISSING_FILE, envExample: MISSING_FILE, gitIgnoresDotenv: undefined, ...overrides };
}

/** The files after the plan's edits: `undefined` for a file the plan leaves alone. */
function resultFiles(snapshot: EnvironmentSnapshot, changes: readonly FileChange[]): Record<string, string | undefined> {
	const before: Record<string, FileSnapshot> = { '.env': snapshot.dotenv, '.gitignore': snapshot.gitignore, '.env.example': snapshot.envExample };
	const after: Record<string, string | undefined> = {};
	for (const change of changes) {
		const original = before[change.file];
		assert.ok(original, `unexpected file ${change.file}`);
		assert.equal(change.create, !original.exists, `${change.file} is created exactly when it is missing`);
		after[change.file] = applyEdits(original.text, change.edits);
	}
	return after;
}

describe('fix names: the variable or key decides', () => {
	const cases: readonly [string | undefined, string][] = [
		['DHIS2_API_PAT', 'DHIS2_API_PAT'],
		['DHIS_TOKEN', 'DHIS_TOKEN'],
		['dhis2Token', 'DHIS2_TOKEN'],
		['dhis2-token', 'DHIS2_TOKEN'],
		['d2Pat', 'D2_PAT'],
		['token', 'DHIS2_TOKEN'],
		['TOKEN', 'DHIS2_TOKEN'],
		['apiToken', 'DHIS2_API_TOKEN'],
		['api_key', 'DHIS2_API_KEY'],
		['prodPat', 'DHIS2_PROD_PAT'],
		['Authorization', DEFAULT_ENV_NAME],
		['headers', DEFAULT_ENV_NAME],
		['DHIS2_URL', DEFAULT_ENV_NAME],
		[undefined, DEFAULT_ENV_NAME],
	];
	for (const [assigned, expected] of cases) {
		it(`${String(assigned)} → ${expected}`, () => assert.equal(envNameFor(assigned), expected));
	}

	const assignments: readonly [string, string | undefined][] = [
		['const dhis2Token = ', 'dhis2Token'],
		['let mut token: &str = ', 'token'],
		['var token string = ', 'token'],
		['private static final String DHIS2_TOKEN = ', 'DHIS2_TOKEN'],
		['token: str = ', 'token'],
		['headers = {"Authorization": ', 'Authorization'],
		['{ "dhisToken": ', 'dhisToken'],
		["os.environ['DHIS2_PAT'] = ", 'DHIS2_PAT'],
		['process.env.DHIS_TOKEN = ', 'DHIS_TOKEN'],
		['$env:DHIS2_TOKEN = ', 'DHIS2_TOKEN'],
		['$token = ', 'token'],
		['@token = ', 'token'],
		['client = Api(token=', 'token'],
		['  - DHIS2_TOKEN=', 'DHIS2_TOKEN'],
		['$h = @{ Authorization = ', 'Authorization'],
		['if token == ', undefined],
		['login(', undefined],
	];
	for (const [before, expected] of assignments) {
		it(`assigned name in ${JSON.stringify(before)} is ${String(expected)}`, () => assert.equal(assignedName(before), expected));
	}
});

describe('fix names: .env entries are reused, never overwritten', () => {
	it('takes the preferred name when .env lacks it', () => {
		const planner = new EnvFilePlanner(environment({ dotenv: file('OTHER=1\n') }));
		assert.equal(planner.nameFor('DHIS2_TOKEN', TOKEN), 'DHIS2_TOKEN');
	});

	it('suffixes the name when .env holds a different value under it', () => {
		const planner = new EnvFilePlanner(environment({ dotenv: file(`DHIS2_TOKEN=${OTHER}\nDHIS2_TOKEN_2=x\n`) }));
		assert.equal(planner.nameFor('DHIS2_TOKEN', TOKEN), 'DHIS2_TOKEN_3');
	});

	it('reuses an identical entry, and writes nothing to .env', () => {
		const snapshot = environment({ dotenv: file(`DHIS2_TOKEN=${TOKEN}\n`), gitIgnoresDotenv: true });
		const planner = new EnvFilePlanner(snapshot);
		assert.equal(planner.nameFor('DHIS2_TOKEN', TOKEN), 'DHIS2_TOKEN');
		assert.deepEqual(planner.fileChanges(), []);
	});

	it('reuses the same token under another name (quoted, exported)', () => {
		const planner = new EnvFilePlanner(environment({ dotenv: file(`export MY_PAT="${TOKEN}"\n`), gitIgnoresDotenv: true }));
		assert.equal(planner.nameFor('DHIS2_TOKEN', TOKEN), 'MY_PAT');
		assert.deepEqual(planner.fileChanges(), []);
	});

	it('fills in an empty entry (copied from .env.example) instead of suffixing', () => {
		const snapshot = environment({ dotenv: file('DHIS2_URL=https://play.dhis2.org\nDHIS2_TOKEN=\nOTHER=2\n'), gitIgnoresDotenv: true });
		const planner = new EnvFilePlanner(snapshot);
		assert.equal(planner.nameFor('DHIS2_TOKEN', TOKEN), 'DHIS2_TOKEN');
		assert.deepEqual(resultFiles(snapshot, planner.fileChanges()), { '.env': `DHIS2_URL=https://play.dhis2.org\nDHIS2_TOKEN=${TOKEN}\nOTHER=2\n` });
	});

	it('gives two tokens two names and one token one name, across a whole plan', () => {
		const planner = new EnvFilePlanner(environment());
		assert.equal(planner.nameFor('DHIS2_TOKEN', TOKEN), 'DHIS2_TOKEN');
		assert.equal(planner.nameFor('DHIS2_TOKEN', OTHER), 'DHIS2_TOKEN_2');
		assert.equal(planner.nameFor('DHIS2_API_PAT', TOKEN), 'DHIS2_TOKEN');
		assert.deepEqual(planner.writtenNames, ['DHIS2_TOKEN', 'DHIS2_TOKEN_2']);
	});
});

describe('fix files: .env, .gitignore, .env.example', () => {
	function plan(snapshot: EnvironmentSnapshot, source = `const dhis2Token = "${TOKEN}";\n`) {
		const moved = planMoveToEnv(source, profileFor('javascript', 'a.js'), scanText(source), snapshot);
		assert.ok(moved);
		return resultFiles(snapshot, moved.fileChanges);
	}

	it('creates .env and .gitignore when neither exists, and leaves a missing .env.example alone', () => {
		assert.deepEqual(plan(environment()), { '.env': `DHIS2_TOKEN=${TOKEN}\n`, '.gitignore': '.env\n' });
	});

	it('appends to an .env without a final newline, and the result parses back', () => {
		const result = plan(environment({ dotenv: file('A=1'), gitIgnoresDotenv: true }));
		assert.equal(result['.env'], `A=1\nDHIS2_TOKEN=${TOKEN}\n`);
		assert.deepEqual(parse(result['.env'] ?? ''), { A: '1', DHIS2_TOKEN: TOKEN });
	});

	it('keeps CRLF line endings of an existing .env', () => {
		assert.equal(plan(environment({ dotenv: file('A=1\r\n'), gitIgnoresDotenv: true }))['.env'], `A=1\r\nDHIS2_TOKEN=${TOKEN}\r\n`);
	});

	it('leaves .gitignore alone when git ignores .env (e.g. a global excludes file)', () => {
		assert.deepEqual(plan(environment({ gitignore: file('node_modules/\n'), gitIgnoresDotenv: true })), { '.env': `DHIS2_TOKEN=${TOKEN}\n` });
	});

	it('adds .env to .gitignore when git says it is not ignored', () => {
		assert.equal(plan(environment({ gitignore: file('node_modules/'), gitIgnoresDotenv: false }))['.gitignore'], 'node_modules/\n.env\n');
	});

	for (const pattern of ['.env', '/.env', '.env*', '*.env', '.env\n!.env.example']) {
		it(`without git, parses .gitignore: ${JSON.stringify(pattern)} already ignores .env`, () => {
			assert.equal(plan(environment({ gitignore: file(`${pattern}\n`), gitIgnoresDotenv: undefined }))['.gitignore'], undefined);
		});
	}

	it('without git, a .gitignore that ignores only .env.local gets .env added', () => {
		assert.equal(plan(environment({ gitignore: file('.env.local\n'), gitIgnoresDotenv: undefined }))['.gitignore'], '.env.local\n.env\n');
	});

	it('documents the name in an existing .env.example, once', () => {
		const result = plan(environment({ envExample: file('DHIS2_URL=\n'), gitIgnoresDotenv: true }));
		assert.equal(result['.env.example'], 'DHIS2_URL=\nDHIS2_TOKEN=\n');
		const already = plan(environment({ envExample: file('DHIS2_TOKEN=\n'), gitIgnoresDotenv: true }));
		assert.equal(already['.env.example'], undefined);
	});

	it('never writes the token to .env.example or .gitignore', () => {
		const result = plan(environment({ envExample: file('') }));
		assert.ok(!result['.env.example']?.includes(TOKEN));
		assert.ok(!result['.gitignore']?.includes(TOKEN));
	});

	it('fix all: the same token twice is one entry, two tokens are two', () => {
		const source = `a = "${TOKEN}"\nb = "${OTHER}"\nc = "ApiToken ${TOKEN}"\n`;
		const moved = planMoveToEnv(source, profileFor('python', 'a.py'), scanText(source), environment({ gitIgnoresDotenv: true }));
		assert.ok(moved);
		assert.deepEqual(
			moved.moved.map((entry) => entry.name),
			['DHIS2_TOKEN', 'DHIS2_TOKEN_2', 'DHIS2_TOKEN'],
		);
		assert.deepEqual(resultFiles(environment(), moved.fileChanges.filter((change) => change.file === '.env')), {
			'.env': `DHIS2_TOKEN=${TOKEN}\nDHIS2_TOKEN_2=${OTHER}\n`,
		});
	});
});
