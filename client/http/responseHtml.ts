import { checkPageOptions, escapeAttribute, pageHead, type WebviewPageOptions } from '../webviews/webviewPage';

/**
 * The response page. A pure function with no `vscode` import, so the Chromium tests render exactly
 * the HTML the panel serves. Only the four options are interpolated, each checked or escaped;
 * everything about a response reaches the page later as message data, written with `textContent`.
 */
export type ResponseHtmlOptions = WebviewPageOptions;

/**
 * Nothing inline, nothing remote. `data:` images only, for response bodies shown as images: an
 * image cannot run script, and a response cannot make the page load anything from the network.
 */
export function responseContentSecurityPolicy(cspSource: string, nonce: string): string {
	return `default-src 'none'; style-src ${cspSource}; script-src 'nonce-${nonce}'; img-src ${cspSource} data:`;
}

export function responseHtml(options: ResponseHtmlOptions): string {
	checkPageOptions(options);
	return `${pageHead(options, responseContentSecurityPolicy(options.cspSource, options.nonce), 'DHIS2 Response')}
<body>
<main>
<p id="page-status" class="page-status" role="status" aria-live="polite">Waiting for a response…</p>
<article id="response" hidden aria-labelledby="title">
	<header class="summary">
		<h1 id="title"></h1>
		<p class="request-line"><span id="method" class="method"></span> <span id="url" class="url"></span></p>
		<p class="facts">
			<span id="status" class="status"></span>
			<span class="fact"><span class="fact-label">Time</span> <span id="time"></span></span>
			<span class="fact"><span class="fact-label">Size</span> <span id="size"></span></span>
			<span class="fact" id="type-fact"><span class="fact-label">Type</span> <span id="content-type"></span></span>
			<span class="fact" id="env-fact" hidden><span class="fact-label">Environment</span> <span id="environment"></span></span>
		</p>
		<p id="injection" class="injection"></p>
		<div class="toolbar" role="toolbar" aria-label="Response actions">
			<button type="button" id="save-body" class="secondary">Save Body…</button>
			<button type="button" id="copy-curl" class="secondary">Copy as cURL</button>
			<button type="button" id="send-again" class="secondary">Send Again</button>
		</div>
		<p id="action-status" class="action-status" role="status" aria-live="polite"></p>
	</header>

	<div id="explanation" class="callout" role="alert" hidden>
		<p id="explanation-title" class="callout-title"></p>
		<p id="explanation-detail"></p>
		<div id="explanation-actions" class="callout-actions"></div>
	</div>

	<div class="tabs" role="tablist" aria-label="Response parts">
		<button type="button" role="tab" id="tab-body" aria-controls="panel-body" aria-selected="true">Body</button>
		<button type="button" role="tab" id="tab-headers" aria-controls="panel-headers" aria-selected="false" tabindex="-1">Headers <span id="header-count" class="count"></span></button>
		<button type="button" role="tab" id="tab-request" aria-controls="panel-request" aria-selected="false" tabindex="-1">Request as sent <span id="hop-count" class="count"></span></button>
	</div>
	<section id="panel-body" role="tabpanel" aria-labelledby="tab-body" tabindex="0">
		<p id="body-note" class="note" hidden></p>
		<div id="body"></div>
	</section>
	<section id="panel-headers" role="tabpanel" aria-labelledby="tab-headers" tabindex="0" hidden>
		<table class="headers"><thead><tr><th scope="col">Name</th><th scope="col">Value</th></tr></thead><tbody id="headers"></tbody></table>
	</section>
	<section id="panel-request" role="tabpanel" aria-labelledby="tab-request" tabindex="0" hidden>
		<div id="hops"></div>
	</section>
</article>
</main>
<script nonce="${escapeAttribute(options.nonce)}" src="${escapeAttribute(options.scriptUri)}"></script>
</body>
</html>
`;
}
