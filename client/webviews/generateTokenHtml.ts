import { checkPageOptions, escapeAttribute, pageHead, type WebviewPageOptions } from './webviewPage';

export { createNonce } from './webviewPage';

/**
 * The generate-token page. A pure function with no `vscode` import, so the Chromium tests render
 * exactly the HTML the panel serves. Only the four options below are interpolated, each checked or
 * escaped; everything the user or a server supplies reaches the page later as message data and is
 * written with `textContent`.
 */
export type GenerateTokenHtmlOptions = WebviewPageOptions;

export function contentSecurityPolicy(cspSource: string, nonce: string): string {
	return `default-src 'none'; style-src ${cspSource}; script-src 'nonce-${nonce}'; img-src ${cspSource}`;
}

export function generateTokenHtml(options: GenerateTokenHtmlOptions): string {
	checkPageOptions(options);
	const nonce = escapeAttribute(options.nonce);
	const script = escapeAttribute(options.scriptUri);
	return `${pageHead(options, contentSecurityPolicy(options.cspSource, options.nonce), 'Generate DHIS2 Token')}
<body>
<main>
<h1>Generate a personal access token</h1>
<p class="lead">A personal access token lets a script, an integration or a web page call the DHIS2 API as you, without your password.</p>
<p id="page-status" class="page-status" role="status" aria-live="polite"></p>

<form id="form" novalidate aria-labelledby="form-heading" hidden>
<h2 id="form-heading" class="visually-hidden">Token settings</h2>

<div class="field" id="server-section">
	<label for="server" id="server-label">DHIS2 server</label>
	<select id="server" aria-describedby="server-info"></select>
	<p id="server-only" class="server-only" hidden></p>
	<p id="server-info" class="hint"></p>
	<div id="server-problem" class="callout error-callout" hidden>
		<p id="server-problem-text"></p>
		<button type="button" id="server-retry" class="secondary">Try again</button>
	</div>
</div>

<fieldset class="field" id="context-field">
	<legend>Where will the token be used?</legend>
	<div class="choice">
		<input type="radio" id="context-server" name="context" value="server" aria-describedby="context-server-hint" checked>
		<label for="context-server">Server or script</label>
		<p id="context-server-hint" class="hint">Scripts, integrations and other servers. Can be limited to IP addresses.</p>
	</div>
	<div class="choice">
		<input type="radio" id="context-browser" name="context" value="browser" aria-describedby="context-browser-hint">
		<label for="context-browser">Browser</label>
		<p id="context-browser-hint" class="hint">Web pages that call DHIS2 from the browser. Can be limited to referrer URLs.</p>
	</div>
</fieldset>

<div class="field" id="name-field" hidden>
	<label for="name">Token name <span class="optional">(optional)</span></label>
	<input type="text" id="name" autocomplete="off" spellcheck="false" aria-describedby="name-hint">
	<p id="name-hint" class="hint">Shown in the token list. Unique on the server, at most 50 characters. <span id="name-count"></span></p>
	<div id="name-error" class="field-error" hidden></div>
	<div id="name-notice" class="field-notice" hidden></div>
</div>

<div class="field" id="expiry-field">
	<label for="expiry">Expires after</label>
	<select id="expiry" aria-describedby="expiry-hint">
		<option value="7">7 days</option>
		<option value="30">30 days</option>
		<option value="60">60 days</option>
		<option value="90">90 days</option>
		<option value="custom">Custom date…</option>
	</select>
	<div id="expiry-date-field" class="sub-field" hidden>
		<label for="expiry-date">Expiry date</label>
		<input type="date" id="expiry-date" aria-describedby="expiry-hint">
	</div>
	<p id="expiry-hint" class="hint"></p>
	<div id="expiry-error" class="field-error" hidden></div>
</div>

<div class="field" id="ips-field">
	<label for="allowed-ips">Allowed IP addresses <span class="optional">(optional, one per line)</span></label>
	<textarea id="allowed-ips" rows="4" spellcheck="false" autocomplete="off" aria-describedby="allowed-ips-hint allowed-ips-warning"></textarea>
	<p id="allowed-ips-hint" class="hint">IPv4 or IPv6 addresses, one per line; ranges (CIDR) and host names are not accepted. Leave empty to allow any address.</p>
	<div id="allowed-ips-error" class="field-error" hidden></div>
	<p id="allowed-ips-warning" class="callout warning-callout"><strong>Spoofable:</strong> DHIS2 takes the caller's address from the <code>X-Forwarded-For</code> header, which any client can forge unless the proxy in front of DHIS2 overwrites it.</p>
</div>

<div class="field" id="referrers-field" hidden>
	<label for="allowed-referrers">Allowed referrers <span class="optional">(optional, one per line)</span></label>
	<textarea id="allowed-referrers" rows="4" spellcheck="false" autocomplete="off" aria-describedby="allowed-referrers-hint allowed-referrers-warning"></textarea>
	<p id="allowed-referrers-hint" class="hint">Full URLs such as <code>https://apps.example.org/</code>, one per line. They are sent in lower case, because DHIS2 lower-cases the browser's <code>Referer</code> header before comparing. Leave empty to allow any page.</p>
	<div id="allowed-referrers-error" class="field-error" hidden></div>
	<div id="allowed-referrers-notice" class="field-notice" hidden></div>
	<p id="allowed-referrers-warning" class="callout warning-callout"><strong>Not a security feature:</strong> any program can send any <code>Referer</code> header. The referrer list only keeps the token from being used casually from other web pages; anyone who can see the token can still use it.</p>
</div>

<fieldset class="field" id="methods-field" aria-describedby="methods-hint">
	<legend>Allowed HTTP methods</legend>
	<div class="methods">
		<span class="method"><input type="checkbox" id="method-GET" name="method" value="GET" checked><label for="method-GET">GET</label></span>
		<span class="method" id="method-HEAD-option" hidden><input type="checkbox" id="method-HEAD" name="method" value="HEAD"><label for="method-HEAD">HEAD</label></span>
		<span class="method"><input type="checkbox" id="method-POST" name="method" value="POST"><label for="method-POST">POST</label></span>
		<span class="method"><input type="checkbox" id="method-PUT" name="method" value="PUT"><label for="method-PUT">PUT</label></span>
		<span class="method"><input type="checkbox" id="method-PATCH" name="method" value="PATCH"><label for="method-PATCH">PATCH</label></span>
		<span class="method"><input type="checkbox" id="method-DELETE" name="method" value="DELETE"><label for="method-DELETE">DELETE</label></span>
	</div>
	<p id="methods-hint" class="hint">Tick only what the token needs: GET alone can read but not change data.</p>
	<div id="methods-error" class="field-error" hidden></div>
</fieldset>

<p id="authorities-warning" class="callout warning-callout"><strong>Full access:</strong> the token inherits all of your user's authorities and can do everything you can. For scripts and integrations, consider a dedicated user with only the roles the token needs.</p>

<div id="form-alert" class="callout error-callout" role="alert" hidden></div>

<div class="actions">
	<button type="submit" id="generate">Generate token</button>
	<button type="button" id="cancel" class="secondary">Cancel</button>
</div>
</form>

<section id="result" hidden aria-labelledby="result-heading">
	<div id="result-alert" class="callout success-callout" role="alert">
		<h2 id="result-heading">Token created</h2>
		<p id="result-text"></p>
	</div>
	<div class="field">
		<label for="key">Personal access token</label>
		<div class="key-row">
			<input type="text" id="key" class="key" readonly autocomplete="off" spellcheck="false" aria-describedby="key-help">
			<button type="button" id="copy">Copy</button>
		</div>
		<p id="key-help" class="hint"></p>
		<p id="key-details" class="hint"></p>
	</div>
	<div class="actions">
		<button type="button" id="use-for-http" class="secondary">Use for .http requests to this server</button>
		<button type="button" id="write-env" class="secondary">Write to .env…</button>
		<button type="button" id="done">Done</button>
	</div>
	<p id="action-status" class="page-status" role="status" aria-live="polite"></p>
</section>
</main>
<script nonce="${nonce}" src="${script}"></script>
</body>
</html>
`;
}
