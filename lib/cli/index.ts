/** The `ca-residency` command line: a table of subcommands with shared arguments, output and errors. */
export * from './cli-error';
export * from './io';
export * from './subcommand';
export * from './args';
export * from './output';
export * from './commands';
export { dispatch, main, overallUsage, run } from './dispatch';
