import { type BrowserContext, type Page } from 'playwright-core';
import { type Emulator } from '../../core/dhis2/emulator';
import { type CodeServer, type RunDirs } from './harness';
import { type SecretKey } from './secretKey';
import { type Workbench } from './workbench';

/** How the key got into the demo script (step 5): the user's Copy + paste, or written into the file. */
export type PasteRoute = 'clipboard' | 'file';

/**
 * What the steps hand on to each other. Each field is set by the step that creates it; reading it
 * before that step ran is a harness bug, reported as such.
 */
export class FlowState {
	readonly serverName = 'Emulator';
	readonly tokenName = `e2e-${process.pid}`;
	readonly consoleErrors: string[] = [];
	paste: PasteRoute = 'clipboard';
	dirs?: RunDirs;
	emulator?: Emulator;
	server?: CodeServer;
	context?: BrowserContext;
	secretsProvider?: string | null;
	/** When teardown began: what the logs say after it (connections reset by the shutdown) is not the product's. */
	stoppingAt?: number;
	#page?: Page;
	#workbench?: Workbench;
	#key?: SecretKey;

	setPage(page: Page, workbench: Workbench): void {
		this.#page = page;
		this.#workbench = workbench;
	}

	get page(): Page {
		return need(this.#page, 'the workbench page');
	}

	get workbench(): Workbench {
		return need(this.#workbench, 'the workbench');
	}

	get hasPage(): boolean {
		return this.#page !== undefined && !this.#page.isClosed();
	}

	set key(key: SecretKey) {
		this.#key = key;
	}

	get key(): SecretKey {
		return need(this.#key, 'the generated key');
	}

	get knownKey(): SecretKey | undefined {
		return this.#key;
	}

	get runDirs(): RunDirs {
		return need(this.dirs, 'the run folder');
	}

	get dhis2(): Emulator {
		return need(this.emulator, 'the DHIS2 emulator');
	}
}

function need<T>(value: T | undefined, what: string): T {
	if (value === undefined) throw new Error(`harness bug: ${what} is not set up yet`);
	return value;
}
