import { MappingError } from './attributes';
import { JsonPatchError } from './jsonPatch';
import { type Reply, ReplyError } from './reply';
import { type RequestContext } from './requestContext';
import { meRoute, systemInfoRoute } from './systemRoutes';
import { deleteTokenRoute, getToken, listTokens, patchToken, postToken, propertyUpdateRoute, putToken } from './tokenRoutes';
import { type VersionFeatures } from './versionFeatures';
import { errorReply } from './webMessage';

type Handler = (ctx: RequestContext, params: readonly string[]) => Reply | Promise<Reply>;

interface Route {
	/** Segments after `/api`; `:uid` and `:property` capture, `:tokens` is the token collection name. */
	readonly pattern: readonly string[];
	readonly methods: Readonly<Record<string, Handler>>;
}

const at = (params: readonly string[], index: number): string => params[index] ?? '';

const ROUTES: readonly Route[] = [
	{ pattern: ['me'], methods: { GET: (ctx) => meRoute(ctx) } },
	{ pattern: ['system', 'info'], methods: { GET: (ctx) => systemInfoRoute(ctx) } },
	{ pattern: [':tokens'], methods: { GET: (ctx) => listTokens(ctx), POST: (ctx) => postToken(ctx) } },
	{
		pattern: [':tokens', ':uid'],
		methods: {
			GET: (ctx, params) => getToken(ctx, at(params, 0)),
			PUT: (ctx, params) => putToken(ctx, at(params, 0)),
			PATCH: (ctx, params) => patchToken(ctx, at(params, 0)),
			DELETE: (ctx, params) => deleteTokenRoute(ctx, at(params, 0)),
		},
	},
	{
		pattern: [':tokens', ':uid', ':property'],
		methods: { PUT: (ctx, params) => propertyUpdateRoute(ctx, at(params, 0)), PATCH: (ctx, params) => propertyUpdateRoute(ctx, at(params, 0)) },
	},
];

/**
 * `/api/apiToken.json/x` → `['apiToken', 'x']`: drops `api`, the optional `/{NN}/` API version
 * (where the release still maps it) and a `.json` suffix on each segment.
 */
export function apiSegments(pathname: string, features: VersionFeatures): string[] | undefined {
	const segments = pathname.split('/').filter((segment) => segment !== '').map((segment) => {
		try {
			return decodeURIComponent(segment).replace(/\.json$/, '');
		} catch {
			return segment;
		}
	});
	if (segments[0] !== 'api') return undefined;
	segments.shift();
	if (features.versionedPaths && /^\d{2}$/.test(segments[0] ?? '')) segments.shift();
	return segments;
}

function match(route: Route, segments: readonly string[], features: VersionFeatures): string[] | undefined {
	if (route.pattern.length !== segments.length) return undefined;
	const params: string[] = [];
	for (const [index, part] of route.pattern.entries()) {
		const segment = segments[index] ?? '';
		if (part === ':tokens') {
			if (segment !== 'apiToken' && !(features.pluralPath && segment === 'apiTokens')) return undefined;
		} else if (part.startsWith(':')) {
			params.push(segment);
		} else if (part !== segment) {
			return undefined;
		}
	}
	return params;
}

export async function routeApi(ctx: RequestContext): Promise<Reply> {
	const { features } = ctx.state;
	const segments = apiSegments(ctx.url.pathname, features) ?? [];
	// Spring serves HEAD through the GET handler; Node then drops the body.
	const method = ctx.req.method === 'HEAD' ? 'GET' : ctx.req.method ?? 'GET';
	for (const route of ROUTES) {
		const params = match(route, segments, features);
		if (!params) continue;
		const handler = route.methods[method];
		if (!handler) {
			const allowed = Object.keys(route.methods).join(', ');
			return errorReply(405, `Request method '${method}' not supported`, {}, { Allow: allowed });
		}
		try {
			return await handler(ctx, params);
		} catch (error) {
			// Jackson mapping errors and JSON Patch errors both surface as 409 through DHIS2's controller advice.
			if (error instanceof MappingError || error instanceof JsonPatchError) throw new ReplyError(errorReply(409, error.message));
			throw error;
		}
	}
	return errorReply(404, `No endpoint for ${ctx.url.pathname}`);
}
