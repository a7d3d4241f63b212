/** One demo account: fixed ids so tests and printed instructions can refer to them. */
export interface DemoUser {
	readonly id: string;
	readonly username: string;
	readonly password: string;
	readonly firstName: string;
	readonly surname: string;
	readonly authorities: readonly string[];
	readonly disabled: boolean;
	readonly twoFactorEnabled: boolean;
	/** One line for the CLI banner. */
	readonly description: string;
}

/** Demo passwords only: the emulator is a local test double, never a real server. */
export const DEMO_USERS = {
	admin: {
		id: 'M5zQapPyTZI', username: 'admin', password: 'district', firstName: 'John', surname: 'Traore',
		authorities: ['ALL'], disabled: false, twoFactorEnabled: false,
		description: 'superuser (authority ALL): sees every user\'s tokens',
	},
	normal: {
		id: 'xE7jOejl9FI', username: 'alice', password: 'Alice-2024!', firstName: 'Alice', surname: 'Kamara',
		authorities: ['M_dhis-web-dashboard', 'F_VIEW_DATABROWSER'], disabled: false, twoFactorEnabled: false,
		description: 'normal user: sees only her own tokens',
	},
	other: {
		id: 'DXyJmlo9rge', username: 'bob', password: 'Bob-2024!', firstName: 'Bob', surname: 'Sesay',
		authorities: ['M_dhis-web-dashboard'], disabled: false, twoFactorEnabled: false,
		description: 'second normal user: for "someone else\'s token" (404)',
	},
	disabled: {
		id: 'awtnYWiVEd5', username: 'carol', password: 'Carol-2024!', firstName: 'Carol', surname: 'Bangura',
		authorities: ['M_dhis-web-dashboard'], disabled: true, twoFactorEnabled: false,
		description: 'disabled account: Basic auth and her tokens fail',
	},
	twoFactor: {
		id: 'nWDwMDxnZHf', username: 'dave', password: 'Dave-2024!', firstName: 'Dave', surname: 'Conteh',
		authorities: ['M_dhis-web-dashboard'], disabled: false, twoFactorEnabled: true,
		description: '2FA enabled: Basic auth needs a code the emulator never accepts; his tokens fail',
	},
} as const satisfies Record<string, DemoUser>;

/** A live account inside one emulator; tests flip its status. */
export interface UserRecord {
	readonly id: string;
	readonly username: string;
	readonly password: string;
	readonly firstName: string;
	readonly surname: string;
	readonly authorities: readonly string[];
	disabled: boolean;
	twoFactorEnabled: boolean;
}

export function isSuperuser(user: UserRecord): boolean {
	return user.authorities.includes('ALL');
}

/** DHIS2 refuses token auth for owners that are disabled, locked, expired or using 2FA (spec §5). */
export function canUseTokens(user: UserRecord): boolean {
	return !user.disabled && !user.twoFactorEnabled;
}

export class UserDirectory {
	private readonly byUsername = new Map<string, UserRecord>();

	constructor(seed: readonly DemoUser[] = Object.values(DEMO_USERS)) {
		for (const user of seed) {
			this.byUsername.set(user.username, {
				id: user.id, username: user.username, password: user.password, firstName: user.firstName,
				surname: user.surname, authorities: [...user.authorities], disabled: user.disabled,
				twoFactorEnabled: user.twoFactorEnabled,
			});
		}
	}

	findByUsername(username: string): UserRecord | undefined {
		return this.byUsername.get(username);
	}

	findById(id: string): UserRecord | undefined {
		for (const user of this.byUsername.values()) if (user.id === id) return user;
		return undefined;
	}

	/** The account, or a thrown error naming the known ones (test hooks call this with literal names). */
	require(username: string): UserRecord {
		const user = this.byUsername.get(username);
		if (!user) throw new Error(`Unknown emulator user "${username}"; known: ${[...this.byUsername.keys()].join(', ')}`);
		return user;
	}
}

/** The reference DHIS2 embeds wherever an object points at a user (`createdBy`, `lastUpdatedBy`, `user`). */
export function userReference(user: UserRecord): Record<string, string> {
	const name = `${user.firstName} ${user.surname}`;
	return { id: user.id, name, displayName: name, username: user.username };
}
