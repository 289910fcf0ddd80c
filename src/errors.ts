/**
 * A failure the user can fix, with the exit code it deserves (2: the command could not run).
 * Commands throw it; only main() turns it into output and an exit code.
 */
export class KmswError extends Error {
  constructor(
    message: string,
    readonly exitCode = 2,
  ) {
    super(message);
    this.name = 'KmswError';
  }
}
