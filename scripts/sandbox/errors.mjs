// A problem the user can fix: `npm start` prints its message without a stack trace.
export class SandboxError extends Error {}
