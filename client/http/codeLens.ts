import { type CancellationToken, CodeLens, type CodeLensProvider, type Event, EventEmitter, Range, type TextDocument, workspace, type Disposable } from 'vscode';
import { parseHttpFile } from '../../core/http/parse';
import { codeLensPlan } from './codeLensPlan';

/** "Send Request" above every request of a `.http` / `.rest` file, and "Send All" on the first. */
export class HttpCodeLensProvider implements CodeLensProvider, Disposable {
	private readonly emitter = new EventEmitter<void>();
	readonly onDidChangeCodeLenses: Event<void> = this.emitter.event;
	private readonly subscription: Disposable;

	constructor() {
		// VS Code asks again after edits itself; this covers a language change of an open document.
		this.subscription = workspace.onDidOpenTextDocument(() => this.emitter.fire());
	}

	provideCodeLenses(document: TextDocument, token: CancellationToken): CodeLens[] {
		if (token.isCancellationRequested) return [];
		return codeLensPlan(parseHttpFile(document.getText()), document.uri.toString()).map((lens) => new CodeLens(new Range(lens.line, 0, lens.line, 0), {
			title: lens.title,
			tooltip: lens.tooltip,
			command: lens.command,
			arguments: [...lens.arguments],
		}));
	}

	dispose(): void {
		this.subscription.dispose();
		this.emitter.dispose();
	}
}
