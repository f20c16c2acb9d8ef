import { withIamFindings } from '../iam-validity/with-iam-findings';
import { EvaluationResult } from '../rules';
import { formatJson } from './format-json';
import { formatMarkdown } from './format-markdown';
import { formatSarif } from './format-sarif';
import { formatText } from './format-text';
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
  return req.iam ? withIamFindings(result, templates) : result;
}
