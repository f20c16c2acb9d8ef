import * as fs from 'fs';
import * as path from 'path';
import { EvaluationResult } from '../rules';
import { formatJson } from './format-json';
import { formatMarkdown } from './format-markdown';
import { formatSarif } from './format-sarif';
import { formatText } from './format-text';
import { CheckInputError } from './input-error';
import { readInputs } from './inputs';
import { readAvailabilityOverridesFile, readExemptionsFile } from './options-files';
import { exitCodeOf, runCheck } from './run-check';

export const FORMATS = ['text', 'json', 'sarif', 'markdown'] as const;
export type OutputFormat = (typeof FORMATS)[number];

/** Where the CLI writes; injected so tests run `main` in-process. */
export interface CliIo {
  readonly stdout: (s: string) => void;
  readonly stderr: (s: string) => void;
  /** Colour text output (stdout is a TTY and NO_COLOR is unset). */
  readonly colour: boolean;
  readonly cwd: string;
}

/** Reports a usage or input error the way every subcommand does: one line on stderr, exit status 2. */
export function usageError(io: Pick<CliIo, 'stderr'>, message: string): 2 {
  io.stderr(`ca-residency: ${message.replace(/\s*\n\s*/g, ' ')}\n`);
  return 2;
}

/** A parsed `check` command line. */
export interface CheckRequest {
  readonly paths: readonly string[];
  readonly region?: string;
  readonly allowedRegions?: readonly string[];
  readonly exemptionsFile?: string;
  readonly availabilityOverridesFile?: string;
  readonly format: OutputFormat;
  readonly output?: string;
  readonly evaluationDate?: Date;
}

/** Render a result in a format. */
export function render(result: EvaluationResult, format: OutputFormat, colour: boolean, toolVersion: string): string {
  switch (format) {
    case 'json':
      return formatJson(result);
    case 'sarif':
      return formatSarif(result, toolVersion);
    case 'markdown':
      return formatMarkdown(result);
    default:
      return formatText(result, colour);
  }
}

/**
 * Run `ca-residency check`: read inputs and option files, evaluate, render, write. Returns the exit code
 * (0 no failing finding, 1 a failing one). Input problems throw CheckInputError before anything is written;
 * the output file is written whole (temporary file then rename) or not at all.
 */
export function runCheckCommand(req: CheckRequest, io: CliIo, toolVersion: string): 0 | 1 {
  const templates = readInputs(req.paths, req.region, io.cwd);
  const exemptions = req.exemptionsFile ? readExemptionsFile(req.exemptionsFile, io.cwd) : undefined;
  const availabilityOverrides = req.availabilityOverridesFile ? readAvailabilityOverridesFile(req.availabilityOverridesFile, io.cwd) : undefined;
  const result = runCheck(templates, { allowedRegions: req.allowedRegions, exemptions, availabilityOverrides, evaluationDate: req.evaluationDate });
  const code = exitCodeOf(result);
  if (req.output) {
    const target = path.resolve(io.cwd, req.output);
    const tmp = `${target}.${process.pid}.tmp`;
    try {
      fs.writeFileSync(tmp, render(result, req.format, false, toolVersion));
      fs.renameSync(tmp, target);
    } catch (e) {
      fs.rmSync(tmp, { force: true });
      throw new CheckInputError(`${req.output}: cannot write the output file (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
    }
    io.stderr(`${result.summary.findings} finding(s); ${req.format} report written to ${req.output}\n`);
  } else {
    io.stdout(render(result, req.format, req.format === 'text' && io.colour, toolVersion));
  }
  return code;
}
