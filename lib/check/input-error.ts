/**
 * A problem with what the user gave the CLI (a missing file, unreadable JSON/YAML, a template without
 * `Resources`, a bad flag value). The CLI prints its message on one line and exits 2; never a stack trace.
 */
export class CheckInputError extends Error {
  constructor(message: string) {
    // One line, whatever the underlying parser said.
    super(message.replace(/\s*\n\s*/g, ' ').trim());
    this.name = 'CheckInputError';
  }
}
