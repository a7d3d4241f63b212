import { type Formatter } from '../report';
import { formatGithub } from './github';
import { formatJson } from './json';
import { formatSarif } from './sarif';
import { formatText } from './text';

export const FORMATS = { text: formatText, json: formatJson, sarif: formatSarif, github: formatGithub } as const satisfies Record<
	string,
	Formatter
>;

export type FormatName = keyof typeof FORMATS;
export const FORMAT_NAMES = Object.keys(FORMATS) as FormatName[];
