import type * as Undici from 'undici';

let loaded: typeof Undici | undefined;

/**
 * undici, evaluated on the first request rather than when the extension loads: evaluating it is about
 * half of the extension bundle's load time (~60 of ~120 ms measured), and most sessions never send a request.
 * The extension's build also moves it into a file of its own (scripts/undiciApart.mjs), so it is not even
 * parsed at load; other bundles (the CLI's `http`) include it.
 */
export function undici(): typeof Undici {
	// eslint-disable-next-line @typescript-eslint/no-require-imports -- a static import would evaluate it at load
	loaded ??= require('undici') as typeof Undici;
	return loaded;
}
