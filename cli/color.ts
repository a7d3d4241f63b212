/** The bits of the environment colour depends on. */
export interface ColorEnvironment {
	readonly env: NodeJS.ProcessEnv;
	readonly stdoutIsTty: boolean;
}

/** `--no-color` and NO_COLOR turn colour off, FORCE_COLOR on; otherwise only a terminal gets it. */
export function useColor(allowed: boolean, io: ColorEnvironment): boolean {
	if (!allowed) return false;
	if (io.env.NO_COLOR) return false;
	const force = io.env.FORCE_COLOR;
	if (force !== undefined && force !== '') return force !== '0' && force !== 'false';
	return io.stdoutIsTty;
}
