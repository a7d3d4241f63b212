import assert from 'node:assert/strict';
import { summarizeScan } from '../../client/scanSummary';

const result = (filesScanned: number, filesWithFindings: number, tokens: number, cancelled = false, lookalikes = 0) => ({
	filesScanned,
	filesWithFindings,
	tokens,
	lookalikes,
	cancelled,
});

describe('client: workspace scan summary', () => {
	it('says nothing was found, and in how many files', () => {
		assert.deepEqual(summarizeScan(result(1234, 0, 0)), { message: 'No DHIS2 tokens found in 1,234 files.', hasFindings: false });
		assert.equal(summarizeScan(result(1, 0, 0)).message, 'No DHIS2 tokens found in 1 file.');
		assert.equal(summarizeScan(result(0, 0, 0)).message, 'No DHIS2 tokens found in 0 files.');
	});

	it('counts tokens and the files holding them, singular and plural', () => {
		assert.deepEqual(summarizeScan(result(50, 1, 1)), { message: 'Found 1 hardcoded DHIS2 token in 1 file.', hasFindings: true });
		assert.equal(summarizeScan(result(50, 2, 7)).message, 'Found 7 hardcoded DHIS2 tokens in 2 files.');
		assert.equal(summarizeScan(result(50, 1, 3)).message, 'Found 3 hardcoded DHIS2 tokens in 1 file.');
	});

	it('names lookalikes separately from tokens', () => {
		assert.equal(summarizeScan(result(50, 2, 1, false, 2)).message, 'Found 1 hardcoded DHIS2 token and 2 lookalikes in 2 files.');
		assert.deepEqual(summarizeScan(result(50, 1, 0, false, 1)), { message: 'Found 0 hardcoded DHIS2 tokens and 1 lookalike in 1 file.', hasFindings: true });
	});

	it('says a cancelled scan is partial, with what it found so far', () => {
		assert.deepEqual(summarizeScan(result(10, 0, 0, true)), { message: 'Workspace scan cancelled after 10 files.', hasFindings: false });
		assert.deepEqual(summarizeScan(result(10, 2, 2, true)), {
			message: 'Workspace scan cancelled after 10 files; found 2 hardcoded DHIS2 tokens in 2 files so far.',
			hasFindings: true,
		});
	});
});
