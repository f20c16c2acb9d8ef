import { parseArgs, ParseArgsConfig } from 'node:util';
import { CliError } from './cli-error';

type OptionsSpec = NonNullable<ParseArgsConfig['options']>;

/**
 * Parse a subcommand's arguments strictly (an unknown or malformed flag is a CliError pointing at the
 * subcommand's help). `--help` never reaches here: the dispatcher answers it for every subcommand.
 */
export function parseCommandLine<const O extends OptionsSpec>(
  command: string,
  argv: readonly string[],
  options: O,
  allowPositionals = true,
): ReturnType<typeof parseArgs<{ args: string[]; options: O; strict: true; allowPositionals: boolean }>> {
  try {
    return parseArgs({ args: [...argv], options, strict: true, allowPositionals });
  } catch (e) {
    throw new CliError(`${command}: ${(e as Error).message} (see ca-residency ${command} --help)`);
  }
}

/** A flag whose value must be one of a fixed list (`--format`). */
export function oneOf<T extends string>(flag: string, value: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(value))
    throw new CliError(`${flag} must be one of ${allowed.join(', ')}, got '${value}'`);
  return value as T;
}

/** Values of a repeatable flag that also accepts comma-separated lists; blanks are dropped. */
export function commaList(values: string | readonly string[] | undefined): string[] | undefined {
  if (values === undefined) return undefined;
  return (typeof values === 'string' ? [values] : values)
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter((v) => v !== '');
}

const REGION_NAME = /^[a-z]{2}(-[a-z]+)+-\d+$/;

/** A region flag (`--region`, `--home-region`): the shape of a region name, judged before any work. */
export function regionArg(flag: string, value: string | undefined): string | undefined {
  if (value !== undefined && !REGION_NAME.test(value))
    throw new CliError(`${flag} must be a region name such as ca-central-1, got '${value}'`);
  return value;
}

/**
 * `--allowed-regions a,b`: given but empty (`''`, `,`) is an error, never a silent fallback to the default.
 * Whether the regions are allowed (Canadian) is judged by the engine or verify's options, naming the value.
 */
export function allowedRegionsArg(value: string | undefined): string[] | undefined {
  const regions = commaList(value);
  if (regions !== undefined && regions.length === 0)
    throw new CliError(`--allowed-regions must name at least one region, got '${value}'`);
  return regions;
}

/** `--max-file-mb N`: the largest file read from untrusted input, in MiB (whole number from 1 to 4096). */
export function maxFileBytesArg(value: string | undefined): { maxFileBytes?: number } {
  if (value === undefined) return {};
  const mb = Number(value);
  if (!/^\d+$/.test(value) || mb < 1 || mb > 4096)
    throw new CliError(`--max-file-mb must be a whole number of MiB from 1 to 4096, got '${value}'`);
  return { maxFileBytes: mb * 1024 * 1024 };
}
