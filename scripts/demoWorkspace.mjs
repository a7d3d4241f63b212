// The demo workspace `npm start` opens and the UI e2e suite works in: a script with a hardcoded token,
// a `.http` file for the server, and a `.env.example`. The token is passed in (generated at run time),
// so no token is ever committed to this repository.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const DEMO_SCRIPT = 'sync_org_units.py';
export const DEMO_HTTP = 'me.http';

export function writeDemoWorkspace(dir, { baseUrl, token }) {
	mkdirSync(dir, { recursive: true });
	writeFileSync(join(dir, DEMO_SCRIPT), [
		'"""Pulls organisation units from DHIS2."""',
		'import requests',
		'',
		`BASE_URL = "${baseUrl}"`,
		`DHIS2_TOKEN = "${token}"`,
		'',
		'def org_units():',
		'    response = requests.get(f"{BASE_URL}/api/organisationUnits", headers={"Authorization": f"ApiToken {DHIS2_TOKEN}"})',
		'    response.raise_for_status()',
		'    return response.json()',
		'',
	].join('\n'));
	writeFileSync(join(dir, DEMO_HTTP), [
		`@base = ${baseUrl}`,
		'',
		'### Who am I? (the extension adds the Authorization header for a server it knows)',
		'GET {{base}}/api/me',
		'Accept: application/json',
		'',
	].join('\n'));
	writeFileSync(join(dir, '.env.example'), 'DHIS2_BASE_URL=\n');
}
