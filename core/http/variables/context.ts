/** A response recorded for request chaining (`{{login.response.body.$.id}}`); `body` is parsed JSON, text or bytes. */
export interface RecordedResponse {
	readonly body: unknown;
	readonly headers: Readonly<Record<string, string>>;
}

/** Everything variable resolution may consult; all of it is supplied by the caller, so the resolver stays pure. */
export interface ResolveContext {
	/** The process environment, for `{{$processEnv NAME}}`. */
	readonly env: Readonly<Record<string, string | undefined>>;
	/** `{{$dotenv NAME}}`: the value from the `.env` file next to the request file. */
	dotenv(name: string): string | undefined;
	/** The selected environment of `http-client.env.json` + `http-client.private.env.json` (`$shared` merged in). */
	readonly environment?: Readonly<Record<string, string>>;
	/** Reads a `< ./file` body; the path is already resolved against `baseDir`. */
	readFile(path: string): Promise<Uint8Array> | Uint8Array;
	/** The request file's folder: relative body paths start here. */
	readonly baseDir: string;
	now(): Date | number;
	/** A number in [0, 1), as `Math.random`. */
	random(): number;
	/** The last response of the request with this name, if it has been sent. */
	readonly responses?: (name: string) => RecordedResponse | undefined;
}

export type Evaluation = { readonly ok: true; readonly value: string } | { readonly ok: false; readonly message: string };

export const evaluated = (value: string): Evaluation => ({ ok: true, value });
export const failed = (message: string): Evaluation => ({ ok: false, message });
