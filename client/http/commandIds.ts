/** The `.http` runner's commands; `client/commandIds.ts` includes them in the extension's list. */
export const HttpCommandIds = {
	/** `(uri?, line?)`: the request at that line, or at the cursor of the active editor. */
	sendRequest: 'dhis2.sendRequest',
	/** `(uri?)`: every request of the file, in order. */
	sendAllRequests: 'dhis2.sendAllRequests',
	cancelRequest: 'dhis2.cancelRequest',
	selectHttpEnvironment: 'dhis2.selectHttpEnvironment',
	showRequestHistory: 'dhis2.showRequestHistory',
	clearRequestHistory: 'dhis2.clearRequestHistory',
} as const;

/** Set while a request (or a Send All run) is on its way: enables Cancel. */
export const HTTP_SENDING_CONTEXT = 'dhis2.httpSending';
