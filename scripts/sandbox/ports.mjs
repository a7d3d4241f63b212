// Which ports `npm start` listens on. A port the user chose must be free (they asked for it); a default
// that is taken falls back to any free port, so an emulator already on 8080 does not block a start.
import { createServer } from 'node:net';
import { freePort } from '../vscode/codeServer.mjs';
import { SandboxError } from './errors.mjs';

export function canListen(port) {
	return new Promise((resolve, reject) => {
		const server = createServer();
		server.once('error', (error) => {
			if (error.code === 'EADDRINUSE') resolve(false);
			else reject(new SandboxError(`Cannot listen on 127.0.0.1:${port} (${error.code ?? error.message}); choose a port above 1024.`));
		});
		server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
	});
}

/** `variable` from the environment, or `fallback`; checked free on 127.0.0.1 right now. */
export async function choosePort({ variable, fallback, what }) {
	const raw = process.env[variable]?.trim() ?? '';
	const explicit = raw !== '';
	const port = explicit ? Number(raw) : fallback;
	if (!/^\d+$/.test(String(port)) || port < 1 || port > 65535) {
		throw new SandboxError(`${variable}="${raw}" is not a port number (1-65535).`);
	}
	if (await canListen(port)) return port;
	if (explicit) {
		throw new SandboxError(`Port ${port} on 127.0.0.1 (${variable}, for the ${what}) is already in use. Stop what holds it `
			+ `(\`ss -ltnp 'sport = :${port}'\` names it) or pick another: ${variable}=<port> npm start`);
	}
	const other = await freePort();
	console.log(`  port ${port} is taken, so the ${what} uses ${other} (set ${variable} to choose)`);
	return other;
}
