// Types for scripts/build-stamp.mjs, which the tests' globalSetup imports.
export function writeStamp(root: string): void;
export function isBuilt(root: string): boolean;
