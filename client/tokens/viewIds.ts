/** The Tokens view, as the manifest's `views` declares it; `<id>.focus` is VS Code's command to reveal it. */
export const TOKENS_VIEW_ID = 'dhis2.tokensView';
