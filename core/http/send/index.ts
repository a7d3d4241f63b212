export { discardBody } from './body';
export { CURL_BODY_FILE, CURL_TOKEN_VARIABLE, toCurl } from './curl';
export { HttpSendError, type HttpSendErrorKind } from './errors';
export { maskAuthorization, maskHeaders, maskHeaderValue, maskUrl } from './mask';
export { carryCredentials, methodAfterRedirect, REDIRECT_STATUSES } from './redirect';
export { closeSharedSenders, HttpSender, parseRequestUrl, sendRequest, type SenderOptions } from './sender';
export * from './types';
