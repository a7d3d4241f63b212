import { type ResponseWebviewMessage } from '../../core/protocol/responseView';
import { connectToHost as connect, type HostConnection } from '../shared/vscodeApi';

/** The response page's side of the host connection: only response-view protocol messages go out. */
export type ResponseHost = HostConnection<ResponseWebviewMessage>;

export function connectToHost(): ResponseHost {
	return connect<ResponseWebviewMessage>();
}
