import { type Step } from './runner';
import { type FlowState } from './state';
import { addServer } from './steps/addServer';
import { generateToken } from './steps/generateToken';
import { moveKeyToEnv } from './steps/moveToEnv';
import { noErrors } from './steps/noErrors';
import { openWorkbench } from './steps/openWorkbench';
import { revokeToken } from './steps/revoke';
import { secretAtRest } from './steps/secretAtRest';
import { sendRequest } from './steps/sendRequest';
import { tokenInView } from './steps/tokensView';

/** The user's path through the product, in order; each step builds on the ones before it. */
export function flowSteps(state: FlowState): Step[] {
	const step = (name: string, run: (state: FlowState) => Promise<void>): Step => ({ name, run: () => run(state) });
	return [
		step('workbench ready on 127.0.0.1 (secure context) with the demo workspace', openWorkbench),
		step('Add Server: the emulator, signed in as admin', addServer),
		step('Generate Token in the webview form, key shown once, used for .http', generateToken),
		step('token listed in the DHIS2 Tokens view', tokenInView),
		step('hardcoded key: squiggle, Problems row, quick fix to .env', moveKeyToEnv),
		step('Send Request: 200, Authorization masked, key received by the emulator', sendRequest),
		step('Revoke from the Tokens view: the emulator forgot the token, the key gets 401', revokeToken),
		step('secret at rest: the key is on disk only in ws/.env', secretAtRest),
		step('no errors in the extension host log or the browser console', noErrors),
	];
}
