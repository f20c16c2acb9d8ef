import { Validations } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { InvalidPropError } from './invalid-prop-error';

/** Reasons shorter than this say nothing a reviewer can check. */
export const MIN_ACKNOWLEDGEMENT_REASON = 20;

/**
 * Acknowledges one finding of a validation plugin by its namespaced id (`Pack::Rule[detail]`), which
 * CDK records with its reason in validation-report.json. The bare id would leave no audit record.
 */
export function acknowledgeFinding(scope: IConstruct, pack: string, rule: string, reason: string): void {
  if (reason.trim().length < MIN_ACKNOWLEDGEMENT_REASON) {
    throw new InvalidPropError(
      scope,
      `acknowledgement of ${pack}::${rule} needs a reason of at least ${MIN_ACKNOWLEDGEMENT_REASON} characters (got "${reason}")`,
    );
  }
  Validations.of(scope).acknowledge({ id: `${pack}::${rule}`, reason });
}
