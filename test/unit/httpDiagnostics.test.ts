import assert from 'node:assert/strict';
import { DiagnosticSeverity } from 'vscode-languageserver/node';
import { DIAGNOSTIC_SOURCE } from '../../core/protocol/lsp';
import { HTTP_SYNTAX_CODE, httpDiagnostics, isHttpDocument } from '../../server/httpDiagnostics';

describe('http diagnostics', () => {
	it('turns parse problems into diagnostics with their ranges and severities', () => {
		const diagnostics = httpDiagnostics('# @frobnicate\nFETCH https://example.org/\n');
		assert.deepEqual(
			diagnostics.map((diagnostic) => [diagnostic.severity, diagnostic.range.start.line, diagnostic.range.start.character, diagnostic.range.end.character, diagnostic.source, diagnostic.code]),
			[
				[DiagnosticSeverity.Warning, 0, 2, 13, DIAGNOSTIC_SOURCE, HTTP_SYNTAX_CODE],
				[DiagnosticSeverity.Error, 1, 0, 5, DIAGNOSTIC_SOURCE, HTTP_SYNTAX_CODE],
			],
		);
		const message = diagnostics[1]?.message;
		assert.ok(typeof message === 'string');
		assert.match(message, /Unknown HTTP method `FETCH`/);
	});

	it('has nothing to say about a correct file', () => {
		assert.deepEqual(httpDiagnostics('GET https://example.org/\nAccept: */*\n'), []);
	});

	it('recognises request files by language id or extension', () => {
		assert.equal(isHttpDocument('http', 'untitled:Untitled-1'), true);
		assert.equal(isHttpDocument('plaintext', 'file:///w/api.rest'), true);
		assert.equal(isHttpDocument('plaintext', 'file:///w/API.HTTP'), true);
		assert.equal(isHttpDocument('json', 'file:///w/http.json'), false);
		assert.equal(isHttpDocument('plaintext', 'file:///w/notes.http.txt'), false);
	});
});
