import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks, HIPAASecurityChecks } from 'cdk-nag';
import { buildResidencyStacks, CanadianResidencyChecks, ResidencyNames, resolveConfig } from '../../index';
import {
  FhirDomainProps,
  PatientRecordsPrimaryStack,
  PatientRecordsRecoveryStack,
  PRIMARY_REGION,
  RECOVERY_REGION,
} from './workload-stacks';

/** Context keys of the example (cdk.json or `-c key=value`). */
export const EXAMPLE_CONTEXT = {
  fhirDomainName: 'patientRecords:fhirDomainName',
  fhirCertificateArn: 'patientRecords:fhirCertificateArn',
} as const;

/** A reserved name (RFC 2606 `.example`): synth needs no DNS zone and no AWS account; set the real one by context. */
export const PLACEHOLDER_FHIR_DOMAIN = 'fhir.patient-records.example';

/** The FHIR domain from the context, checked: a bad value fails synth naming the context key. */
export function fhirDomainFromContext(app: App): FhirDomainProps {
  const name: unknown = app.node.tryGetContext(EXAMPLE_CONTEXT.fhirDomainName) ?? PLACEHOLDER_FHIR_DOMAIN;
  const arn: unknown = app.node.tryGetContext(EXAMPLE_CONTEXT.fhirCertificateArn);
  if (typeof name !== 'string' || !/^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9-]{2,63}$/.test(name))
    throw new Error(
      `patient-records example: context ${EXAMPLE_CONTEXT.fhirDomainName} is ${JSON.stringify(name)}; use a lower-case host name such as fhir.example.org`,
    );
  if (
    arn !== undefined &&
    (typeof arn !== 'string' || !/^arn:aws:acm:ca-central-1:\d{12}:certificate\/[\w-]+$/.test(arn))
  )
    throw new Error(
      `patient-records example: context ${EXAMPLE_CONTEXT.fhirCertificateArn} is ${JSON.stringify(arn)}; use the ARN of an ACM certificate in ca-central-1`,
    );
  return { domainName: name, certificateArn: arn };
}

/**
 * The example app: the baseline in both Canadian regions, a workload stack in each, and the three packs
 * (CaResidency, AwsSolutions, HIPAA.Security) as validation plugins. The caller synthesizes (and writes the report).
 */
export function buildPatientRecordsApp(app: App): {
  primary: PatientRecordsPrimaryStack;
  recovery: PatientRecordsRecoveryStack;
} {
  // The baseline's configuration, from cdk.json context or -c caResidency.* (the embedded default otherwise).
  const config = resolveConfig(app.node.getAllContext());
  const names = new ResidencyNames(config);
  const fhirDomain = fhirDomainFromContext(app);
  const baseline = buildResidencyStacks(app, config);
  if (!baseline.recovery)
    throw new Error('patient-records example: recoveryRegion is "none"; this example replicates to ca-west-1');

  const env = (region: string) => ({ account: config.accountId, region });
  const recovery = new PatientRecordsRecoveryStack(app, 'PatientRecordsRecovery', {
    stackName: `${names.stackName('recovery')}-patient-records`,
    env: env(RECOVERY_REGION),
    config,
    foundation: baseline.recovery.foundation,
  });
  const primary = new PatientRecordsPrimaryStack(app, 'PatientRecordsPrimary', {
    stackName: `${names.stackName('primary')}-patient-records`,
    env: env(PRIMARY_REGION),
    config,
    foundation: baseline.primary.foundation,
    fhirDomain,
  });
  // The table and secret replicas in ca-west-1 use the recovery workload's key, addressed by alias.
  primary.addStackDependency(recovery, 'replicas in ca-west-1 use the recovery workload key');

  Validations.of(app).addPlugins(
    new CanadianResidencyChecks(app),
    new AwsSolutionsChecks(app),
    new HIPAASecurityChecks(app),
  );
  return { primary, recovery };
}
