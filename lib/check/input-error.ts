import { CliError } from '../cli/cli-error';

/**
 * A problem with what the user gave `check` (a missing file, unreadable JSON/YAML, a template without
 * `Resources`, an assembly path leaving its directory). The CLI prints its message on one line and exits 2.
 */
export class CheckInputError extends CliError {
  constructor(message: string) {
    super(message);
    this.name = 'CheckInputError';
  }
}
