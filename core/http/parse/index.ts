export { parseHttpFile, requestAtLine, requestFoldingRanges, requestProblems } from './parser';
export { parsedFileToJson } from './toJson';
export { KNOWN_METHODS } from './requestLine';
export { KNOWN_DIRECTIVES, parseTimeout } from './directives';
export { SYSTEM_VARIABLES, findTemplates, type TemplateRef } from './templates';
export { syntheticHttpFile } from './syntheticFile';
