import { App, Stack } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { CanadianResidencyChecks, CanadianResidencyChecksProps } from '../../lib/nag';
import { CfnTemplate, EvaluationResult, Finding, TemplateUnderTest } from '../../lib/rules';

export const ACCOUNT = '111111111111';
export const CENTRAL = { account: ACCOUNT, region: 'ca-central-1' };
export const WEST = { account: ACCOUNT, region: 'ca-west-1' };
export const US_EAST = { account: ACCOUNT, region: 'us-east-1' };

/** An app without CDK's built-in CloudFormation validator (1-3 s per synth; our pack does not need it). */
export function newApp(): App {
  return new App({ builtinCloudFormationValidation: false });
}

/** `env: null` makes an environment-agnostic stack. */
export function stack(app: App, id: string, env: { account?: string; region?: string } | null = CENTRAL): Stack {
  return new Stack(app, id, env ? { env } : {});
}

/** Run the engine over the whole app through the pack (resolved templates, escape hatches included). */
export function evaluateApp(app: App, options: CanadianResidencyChecksProps = {}): EvaluationResult {
  return new CanadianResidencyChecks(undefined, options).evaluateScope(app);
}

/** The failing findings of one rule. */
export function findingsOf(app: App, ruleId: string, options: CanadianResidencyChecksProps = {}): Finding[] {
  return evaluateApp(app, options).findings.filter((f) => f.ruleId === ruleId);
}

/** A template under test from raw CloudFormation resources. */
export function tut(
  stackName: string,
  region: string | undefined,
  resources: CfnTemplate['Resources'],
  extra: Partial<CfnTemplate> = {},
  account: string | undefined = ACCOUNT,
): TemplateUnderTest {
  return { stackName, region, account, template: { Resources: resources, ...extra } };
}

/**
 * Template sections declaring `names` as conditions left to deploy time: each compares a parameter that has only a
 * default (it can be overridden) with the condition's own name, so neither branch can be ruled out at synth.
 */
export function conditionsLeftToDeploy(...names: string[]): Partial<CfnTemplate> {
  return {
    Parameters: { Stage: { Type: 'String', Default: 'prod' } },
    Conditions: Object.fromEntries(names.map((n) => [n, { 'Fn::Equals': [{ Ref: 'Stage' }, n] }])),
  };
}

/** A bucket that passes every CaResidency rule: SSE-KMS with a rotating customer-managed key, TLS 1.2+ only. */
export function residentBucket(scope: Construct, id: string, props: s3.BucketProps = {}): s3.Bucket {
  return new s3.Bucket(scope, id, {
    encryption: s3.BucketEncryption.KMS,
    encryptionKey: new kms.Key(scope, `${id}Key`, { enableKeyRotation: true }),
    enforceSSL: true,
    minimumTLSVersion: 1.2,
    ...props,
  });
}

/** A customer-managed key that passes the key-management rule. */
export function cmk(scope: Construct, id: string): kms.Key {
  return new kms.Key(scope, id, { enableKeyRotation: true });
}
