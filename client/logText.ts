import { inspect } from 'node:util';
import { redactTokens } from '../core/redact';

/**
 * Turns one logged value into text. Errors keep their stack (the stack's first line repeats the
 * message); objects are inspected on one line so a log entry stays one entry.
 */
export function formatLogValue(value: unknown): string {
	if (typeof value === 'string') return value;
	if (value instanceof Error) return value.stack ?? `${value.name}: ${value.message}`;
	return inspect(value, { depth: 4, breakLength: Infinity });
}

/**
 * The single place log text is produced: the message and any extra arguments are folded into one
 * string *before* redaction, because a LogOutputChannel would otherwise format the arguments itself,
 * after our redaction had run.
 */
export function redactedLogLine(message: unknown, args: readonly unknown[] = []): string {
	const parts = [message, ...args].map(formatLogValue);
	return redactTokens(parts.join(' '));
}
