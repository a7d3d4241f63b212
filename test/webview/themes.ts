/**
 * A subset of the CSS variables VS Code sets on a webview's <html>, with the values of its default
 * Light Modern, Dark Modern and Dark High Contrast themes: enough for the form to look as it does
 * in VS Code, and for tests to check that the page takes its colours from them.
 */
export interface WebviewTheme {
	readonly bodyClass: 'vscode-light' | 'vscode-dark' | 'vscode-high-contrast';
	readonly variables: Readonly<Record<string, string>>;
}

const fonts = {
	'--vscode-font-family': '-apple-system, BlinkMacSystemFont, "Segoe WPC", "Segoe UI", "Ubuntu", "Droid Sans", sans-serif',
	'--vscode-font-size': '13px',
	'--vscode-font-weight': 'normal',
	'--vscode-editor-font-family': '"Droid Sans Mono", "monospace", monospace',
};

export const LIGHT: WebviewTheme = {
	bodyClass: 'vscode-light',
	variables: {
		...fonts,
		'--vscode-foreground': '#3b3b3b',
		'--vscode-descriptionForeground': '#5f5f5f',
		'--vscode-errorForeground': '#e51400',
		'--vscode-editor-background': '#ffffff',
		'--vscode-input-background': '#ffffff',
		'--vscode-input-foreground': '#3b3b3b',
		'--vscode-input-border': '#cecece',
		'--vscode-input-placeholderForeground': '#767676',
		'--vscode-inputValidation-errorBackground': '#f2dede',
		'--vscode-inputValidation-errorBorder': '#be1100',
		'--vscode-inputValidation-infoBackground': '#d6ecf2',
		'--vscode-inputValidation-infoBorder': '#007acc',
		'--vscode-dropdown-background': '#ffffff',
		'--vscode-dropdown-foreground': '#3b3b3b',
		'--vscode-dropdown-border': '#cecece',
		'--vscode-button-background': '#005fb8',
		'--vscode-button-foreground': '#ffffff',
		'--vscode-button-hoverBackground': '#0258a8',
		'--vscode-button-border': '#0000001a',
		'--vscode-button-secondaryBackground': '#e5e5e5',
		'--vscode-button-secondaryForeground': '#3b3b3b',
		'--vscode-button-secondaryHoverBackground': '#cccccc',
		'--vscode-focusBorder': '#005fb8',
		'--vscode-textBlockQuote-background': '#f8f8f8',
		'--vscode-textBlockQuote-border': '#e5e5e5',
		'--vscode-editorWarning-foreground': '#bf8803',
		'--vscode-testing-iconPassed': '#388a34',
	},
};

export const DARK: WebviewTheme = {
	bodyClass: 'vscode-dark',
	variables: {
		...fonts,
		'--vscode-foreground': '#cccccc',
		'--vscode-descriptionForeground': '#9d9d9d',
		'--vscode-errorForeground': '#f85149',
		'--vscode-editor-background': '#1f1f1f',
		'--vscode-input-background': '#313131',
		'--vscode-input-foreground': '#cccccc',
		'--vscode-input-border': '#3c3c3c',
		'--vscode-input-placeholderForeground': '#989898',
		'--vscode-inputValidation-errorBackground': '#5a1d1d',
		'--vscode-inputValidation-errorBorder': '#be1100',
		'--vscode-inputValidation-infoBackground': '#063b49',
		'--vscode-inputValidation-infoBorder': '#007acc',
		'--vscode-dropdown-background': '#313131',
		'--vscode-dropdown-foreground': '#cccccc',
		'--vscode-dropdown-border': '#3c3c3c',
		'--vscode-button-background': '#0078d4',
		'--vscode-button-foreground': '#ffffff',
		'--vscode-button-hoverBackground': '#026ec1',
		'--vscode-button-border': '#ffffff12',
		'--vscode-button-secondaryBackground': '#313131',
		'--vscode-button-secondaryForeground': '#cccccc',
		'--vscode-button-secondaryHoverBackground': '#3c3c3c',
		'--vscode-focusBorder': '#0078d4',
		'--vscode-textBlockQuote-background': '#2b2b2b',
		'--vscode-textBlockQuote-border': '#616161',
		'--vscode-editorWarning-foreground': '#cca700',
		'--vscode-testing-iconPassed': '#73c991',
	},
};

export const HIGH_CONTRAST: WebviewTheme = {
	bodyClass: 'vscode-high-contrast',
	variables: {
		...fonts,
		'--vscode-foreground': '#ffffff',
		'--vscode-descriptionForeground': '#ffffffb3',
		'--vscode-errorForeground': '#f48771',
		'--vscode-editor-background': '#000000',
		'--vscode-contrastBorder': '#6fc3df',
		'--vscode-contrastActiveBorder': '#f38518',
		'--vscode-input-background': '#000000',
		'--vscode-input-foreground': '#ffffff',
		'--vscode-input-border': '#6fc3df',
		'--vscode-inputValidation-errorBackground': '#000000',
		'--vscode-inputValidation-errorBorder': '#be1100',
		'--vscode-inputValidation-infoBackground': '#000000',
		'--vscode-inputValidation-infoBorder': '#6fc3df',
		'--vscode-dropdown-background': '#000000',
		'--vscode-dropdown-foreground': '#ffffff',
		'--vscode-dropdown-border': '#6fc3df',
		'--vscode-button-background': '#000000',
		'--vscode-button-foreground': '#ffffff',
		'--vscode-button-border': '#6fc3df',
		'--vscode-button-secondaryBackground': '#000000',
		'--vscode-button-secondaryForeground': '#ffffff',
		'--vscode-focusBorder': '#f38518',
		'--vscode-textBlockQuote-background': '#000000',
		'--vscode-textBlockQuote-border': '#ffffff',
		'--vscode-editorWarning-foreground': '#fff8a0',
		'--vscode-testing-iconPassed': '#73c991',
	},
};
