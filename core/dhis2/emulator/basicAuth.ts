import { type Reply, ReplyError } from './reply';
import { type UserDirectory, type UserRecord } from './users';
import { errorReply } from './webMessage';

function basicFailure(message: string): Reply {
	return errorReply(401, message, {}, { 'WWW-Authenticate': 'Basic realm="DHIS2"' });
}

export function isBasicHeader(authorization: string | undefined): authorization is string {
	return authorization !== undefined && authorization.trim().toLowerCase().startsWith('basic');
}

/**
 * Spring's Basic converter plus DHIS2's account checks. A 2FA account cannot log in this way: the
 * emulator never accepts a verification code.
 */
export function authenticateBasic(users: UserDirectory, authorization: string): UserRecord {
	const encoded = authorization.trim().slice('basic'.length).trim();
	const decoded = Buffer.from(encoded, 'base64').toString('utf8');
	const separator = decoded.indexOf(':');
	if (encoded === '' || separator < 0) throw new ReplyError(basicFailure('Invalid basic authentication token'));
	const user = users.findByUsername(decoded.slice(0, separator));
	if (!user || user.password !== decoded.slice(separator + 1)) throw new ReplyError(basicFailure('Bad credentials'));
	if (user.disabled) throw new ReplyError(basicFailure('User is disabled'));
	if (user.twoFactorEnabled) throw new ReplyError(basicFailure('Invalid verification code'));
	return user;
}
