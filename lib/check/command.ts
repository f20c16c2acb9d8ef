import type * as WithIamFindings from '../iam-validity/with-iam-findings';
import { EvaluationResult } from '../rules';
import type * as FormatJson from './format-json';
import type * as FormatMarkdown from './format-markdown';
import type * as FormatSarif from './format-sarif';
import type * as FormatText from './format-text';
import { readInputs } from './inputs';
import { ReadLimits } from './read-limits';
import { readAvailabilityOverridesFile, readDeclaredDestinationsFile, readExemptionsFile } from './options-files';
import { runCheck } from './run-check';

export const FORMATS = ['text', 'json', 'sarif', 'markdown'] as const;
export type OutputFormat = (typeof FORMATS)[number];

/** What `check` is asked to judge (the command line, parsed). */
export interface CheckRequest {
  readonly paths: readonly string[];
  readonly region?: string;
  readonly allowedRegions?: readonly string[];
  readonly exemptionsFile?: string;
  readonly availabilityOverridesFile?: string;
  readonly declaredDestinationsFile?: string;
  readonly evaluationDate?: Date;
  readonly limits?: ReadLimits;
  /** Also check every policy document against IAM's actions, condition keys and resource types (`--iam`). */
  readonly iam?: boolean;
}

/**
 * Render a result in a format. Each format's module is loaded only when asked for: a `check` process pays for the
 * one it writes (SARIF's rule catalogue, for one, is not free to load).
 */
export function render(result: EvaluationResult, format: OutputFormat, colour: boolean, toolVersion: string): string {
  /* eslint-disable @typescript-eslint/no-require-imports */
  switch (format) {
    case 'json':
      return (require('./format-json') as typeof FormatJson).formatJson(result);
    case 'sarif':
      return (require('./format-sarif') as typeof FormatSarif).formatSarif(result, toolVersion);
    case 'markdown':
      return (require('./format-markdown') as typeof FormatMarkdown).formatMarkdown(result);
    default:
      return (require('./format-text') as typeof FormatText).formatText(result, colour);
  }
  /* eslint-enable @typescript-eslint/no-require-imports */
}

/**
 * Read the inputs and option files of a `check` request (relative to `cwd`) and evaluate them. Bad input throws
 * CheckInputError before anything is written.
 */
export function evaluateCheckRequest(req: CheckRequest, cwd: string): EvaluationResult {
  const templates = readInputs(req.paths, req.region, cwd, req.limits);
  const exemptions = req.exemptionsFile ? readExemptionsFile(req.exemptionsFile, cwd, req.limits) : undefined;
  const availabilityOverrides = req.availabilityOverridesFile
    ? readAvailabilityOverridesFile(req.availabilityOverridesFile, cwd, req.limits)
    : undefined;
  const declaredDestinations = req.declaredDestinationsFile
    ? readDeclaredDestinationsFile(req.declaredDestinationsFile, cwd, req.limits)
    : undefined;
  const result = runCheck(templates, {
    allowedRegions: req.allowedRegions,
    exemptions,
    availabilityOverrides,
    declaredDestinations,
    evaluationDate: req.evaluationDate,
  });
  if (!req.iam) return result;
  // The IAM reference data loads only for --iam.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { withIamFindings } = require('../iam-validity/with-iam-findings') as typeof WithIamFindings;
  return withIamFindings(result, templates);
}
