import { type Reply } from './reply';

/**
 * Where unauthenticated browser requests are redirected. Clients that forget
 * `X-Requested-With: XMLHttpRequest` (or point at the wrong base URL) get this HTML instead of JSON.
 */
export function loginPageReply(version: string): Reply {
	return {
		status: 200,
		html: `<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>DHIS2 | Login</title></head>
<body>
<h1>DHIS2 ${version.replace(/[^0-9.]/g, '')} (emulator)</h1>
<form method="post" action="/api/auth/login">
<label>Username <input name="username" autocomplete="username"></label>
<label>Password <input name="password" type="password" autocomplete="current-password"></label>
<button type="submit">Log in</button>
</form>
</body>
</html>
`,
	};
}
