/** Proxy settings as the usual environment variables give them (lower-case names win, like curl). */
export interface ProxySettings {
	readonly httpProxy: string;
	readonly httpsProxy: string;
	readonly noProxy: string;
}

export type Environment = Readonly<Record<string, string | undefined>>;

export function proxySettingsFrom(env: Environment): ProxySettings {
	const httpProxy = env.http_proxy ?? env.HTTP_PROXY ?? '';
	return {
		httpProxy,
		// Like undici and most tools: HTTPS traffic falls back to HTTP_PROXY when HTTPS_PROXY is unset.
		httpsProxy: env.https_proxy ?? env.HTTPS_PROXY ?? httpProxy,
		noProxy: env.no_proxy ?? env.NO_PROXY ?? '',
	};
}

/** Mirrors undici's EnvHttpProxyAgent decision, so error messages can name the proxy in use. */
export function proxyFor(url: URL, settings: ProxySettings): string | undefined {
	const proxy = url.protocol === 'https:' ? settings.httpsProxy : settings.httpProxy;
	if (proxy === '') return undefined;
	const hostname = url.hostname.toLowerCase();
	const port = Number(url.port) || (url.protocol === 'https:' ? 443 : 80);
	for (const raw of settings.noProxy.split(/[,\s]/)) {
		if (raw === '') continue;
		if (raw === '*') return undefined;
		const parsed = /^(.+):(\d+)$/.exec(raw);
		const entryHost = (parsed ? parsed[1] ?? '' : raw).replace(/^\*?\./, '').toLowerCase();
		const entryPort = parsed ? Number(parsed[2]) : 0;
		if (entryPort !== 0 && entryPort !== port) continue;
		if (hostname === entryHost || hostname.endsWith(`.${entryHost}`)) return undefined;
	}
	return withoutCredentials(proxy);
}

export function withoutCredentials(proxy: string): string {
	try {
		const url = new URL(proxy);
		url.username = '';
		url.password = '';
		return url.toString().replace(/\/$/, '');
	} catch {
		return '(invalid proxy URL)';
	}
}
