import { DHIS2_TOKEN_MISPLACED, SYSTEM_VARIABLES, isDhis2TokenExpression } from '../parse/templates';
import { type Evaluation, type ResolveContext, evaluated, failed } from './context';
import { formatDatetime, withOffset } from './datetime';

/** A version 4 UUID from the context's random source, so tests can pin it. */
function uuid(random: () => number): string {
	const bytes = Array.from({ length: 16 }, () => Math.floor(random() * 256) & 0xff);
	bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
	bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
	const hex = bytes.map((byte) => byte.toString(16).padStart(2, '0')).join('');
	return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function randomInt(random: () => number, args: readonly string[]): Evaluation {
	// JetBrains' bare `{{$randomInt}}` is 0…1000; REST Client's `{{$randomInt min max}}` excludes max.
	if (args.length === 0) return evaluated(String(Math.floor(random() * 1001)));
	const [min = '', max = ''] = args;
	if (args.length !== 2 || !/^-?\d+$/.test(min) || !/^-?\d+$/.test(max) || Number(min) >= Number(max)) {
		return failed('`$randomInt` takes two whole numbers, min and max (max excluded), e.g. `{{$randomInt 1 100}}`');
	}
	return evaluated(String(Number(min) + Math.floor(random() * (Number(max) - Number(min)))));
}

/** Looks a variable name up indirectly when written `%NAME` (REST Client): NAME's own value is the name to use. */
export type IndirectName = (name: string) => Evaluation;

function lookupName(args: readonly string[], variable: string, indirect: IndirectName): Evaluation {
	const [name] = args;
	if (args.length !== 1 || name === undefined || name === '%') return failed(`\`${variable}\` takes one name, e.g. \`{{${variable} DHIS2_BASE_URL}}\``);
	return name.startsWith('%') ? indirect(name.slice(1)) : evaluated(name);
}

const toDate = (now: Date | number): Date => (typeof now === 'number' ? new Date(now) : new Date(now.getTime()));

/** `{{$name args}}`: dynamic values and lookups outside the file. `$dhis2.token` is never a value here. */
export function evaluateSystemVariable(name: string, args: readonly string[], context: ResolveContext, indirect: IndirectName): Evaluation {
	switch (name) {
		case '$guid':
		case '$uuid':
		case '$random.uuid':
			return evaluated(uuid(() => context.random()));
		case '$randomInt':
			return randomInt(() => context.random(), args);
		case '$timestamp': {
			const date = withOffset(toDate(context.now()), args, name);
			return date.ok ? evaluated(String(Math.floor(date.date.getTime() / 1000))) : failed(date.message);
		}
		case '$isoTimestamp':
			return evaluated(toDate(context.now()).toISOString());
		case '$datetime':
			return formatDatetime(toDate(context.now()), args);
		case '$processEnv': {
			const key = lookupName(args, name, indirect);
			if (!key.ok) return key;
			const value = context.env[key.value];
			return value === undefined ? failed(`The environment variable \`${key.value}\` is not set`) : evaluated(value);
		}
		case '$dotenv': {
			const key = lookupName(args, name, indirect);
			if (!key.ok) return key;
			const value = context.dotenv(key.value);
			return value === undefined ? failed(`\`${key.value}\` is not in the .env file next to this request file`) : evaluated(value);
		}
		default:
			if (isDhis2TokenExpression(name)) return failed(DHIS2_TOKEN_MISPLACED);
			return failed(`Unknown system variable \`${name}\` (known: ${SYSTEM_VARIABLES.join(', ')})`);
	}
}
