import { formatDhis2Date } from './dates';
import { applyFields } from './fields';
import { type Reply } from './reply';
import { type RequestContext } from './requestContext';

/** `GET /api/me`: the authenticated user, which for token auth is the token's owner. */
export function meRoute(ctx: RequestContext): Reply {
	const { user } = ctx;
	const name = `${user.firstName} ${user.surname}`;
	const view = {
		id: user.id,
		username: user.username,
		firstName: user.firstName,
		surname: user.surname,
		name,
		displayName: name,
		authorities: [...user.authorities],
		twoFactorEnabled: user.twoFactorEnabled,
		disabled: user.disabled,
	};
	return { status: 200, json: applyFields(view, ctx.url.searchParams.get('fields'), '*') };
}

/** `GET /api/system/info`: clients read `version` to pick the key format and the features to offer. */
export function systemInfoRoute(ctx: RequestContext): Reply {
	const { clock, features } = ctx.state;
	const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
	const view = {
		contextPath: ctx.baseUrl,
		instanceBaseUrl: ctx.baseUrl,
		userAgent: ctx.req.headers['user-agent'],
		calendar: 'iso8601',
		dateFormat: 'yyyy-mm-dd',
		serverDate: formatDhis2Date(clock.now()),
		serverTimeZoneId: timeZone,
		serverTimeZoneDisplayName: timeZone,
		version: features.version,
		revision: 'emulator',
		buildTime: formatDhis2Date(Date.UTC(2024, 0, 1)),
		systemName: 'DHIS2 emulator (dhis2-pat)',
		systemId: 'dhis2-pat-emulator',
	};
	return { status: 200, json: applyFields(view, ctx.url.searchParams.get('fields'), '*') };
}
