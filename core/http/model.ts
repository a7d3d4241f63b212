// Shared model of the `.http` request runner: the parser/resolver (core/http/parse, core/http/variables) produce these
// shapes and the sender (core/http/send) consumes them. Changes here are a contract change between both sides.

export interface SourceRange { readonly start: { line: number; character: number }; readonly end: { line: number; character: number } } // 0-based, UTF-16
export interface ParseProblem { readonly message: string; readonly range: SourceRange; readonly severity: 'error' | 'warning' }
export interface HeaderLine { readonly name: string; readonly value: string; readonly range: SourceRange }  // value may hold {{…}} templates
export type RequestBody =
	| { readonly kind: 'inline'; readonly text: string; readonly range: SourceRange }
	| { readonly kind: 'file'; readonly path: string; readonly substituteVariables: boolean; readonly encoding?: string; readonly range: SourceRange };
export interface RequestDirectives {
	readonly noRedirect: boolean; readonly noCookieJar: boolean; readonly timeoutMs?: number; readonly note?: string; // note: confirm before sending
}
export interface ParsedRequest {
	readonly index: number; readonly name?: string;          // `# @name x` or the `### title`
	readonly method: string; readonly url: string;           // url may hold {{…}}; multi-line ?/& continuations already joined
	readonly httpVersion?: string;
	readonly headers: readonly HeaderLine[];
	readonly body?: RequestBody;
	readonly directives: RequestDirectives;
	readonly range: SourceRange;                             // whole request block (for CodeLens: its request line is range.start.line… use requestLineRange)
	readonly requestLineRange: SourceRange;
}
export interface ParsedFile {
	readonly requests: readonly ParsedRequest[];
	readonly fileVariables: ReadonlyMap<string, { value: string; range: SourceRange }>;
	readonly problems: readonly ParseProblem[];
}
/** After variable resolution: plain strings, nothing unresolved (unresolved variables are ResolveProblems). */
export interface ResolvedRequest {
	readonly name?: string; readonly method: string; readonly url: string;
	readonly headers: readonly { name: string; value: string }[];
	readonly body?: Uint8Array | string;
	readonly directives: RequestDirectives;
	/** True when the file wrote `Authorization: ApiToken {{$dhis2.token}}`: the header is then left OUT of `headers`
	 *  and the sender injects the vault/env token under its origin rules (or refuses, explaining why). */
	readonly wantsDhis2Token: boolean;
}
export interface ResolveProblem { readonly message: string; readonly range?: SourceRange }
export const DHIS2_TOKEN_VARIABLE = '$dhis2.token';
