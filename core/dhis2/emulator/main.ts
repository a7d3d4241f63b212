// Placeholder entry so the bundle builds; the emulator helper replaces it.
process.exitCode = 2;
