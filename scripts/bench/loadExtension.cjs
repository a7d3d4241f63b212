// Child of the extension-load benchmark: requires one extension bundle with a stub `vscode` and prints how
// long the require took, in ms. A fresh process per run, so nothing is cached between runs.
const Module = require('node:module');

const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
	return request === 'vscode' ? request : resolveFilename.call(this, request, ...rest);
};
// Anything the bundle reads from `vscode` at load is a callable, constructible stand-in.
const standIn = new Proxy(function () {}, { get: (_target, key) => (key === 'prototype' ? {} : standIn) });
require.cache.vscode = { id: 'vscode', filename: 'vscode', loaded: true, exports: standIn };

const started = performance.now();
require(process.argv[2]);
process.stdout.write(`${performance.now() - started}\n`);
