import { App, Stack, Validations } from 'aws-cdk-lib';
import * as codebuild from 'aws-cdk-lib/aws-codebuild';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as ga from 'aws-cdk-lib/aws-globalaccelerator';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { CanadianResidencyChecks } from '../../lib/nag';
import { CENTRAL, WEST } from '../rules/support';

export const ACKNOWLEDGEMENT_REASON = 'Pipeline moves to ca-central-1 next sprint, tracked in OPS-42';

/**
 * An app whose synth fails on CaResidency findings, with one finding exempted in the pack options
 * (the accelerator) and one acknowledged (the first CodeBuild project's availability in ca-west-1):
 * what the parity tests compare between the pack and readers of its cloud assembly.
 */
export function addMixedFindings(app: App): App {
  Validations.of(app).addPlugins(
    new CanadianResidencyChecks(app, {
      exemptions: [
        {
          ruleId: 'CaResidency-GlobalService',
          resource: 'Tools/Accelerator',
          reason: 'Load test only, synthetic data, torn down after the test',
          expires: '2099-01-01',
        },
      ],
    }),
  );
  const tools = new Stack(app, 'Tools', { env: WEST });
  new codebuild.Project(tools, 'Build', { source: codebuild.Source.gitHub({ owner: 'o', repo: 'r' }) });
  new codebuild.Project(tools, 'Build2', { source: codebuild.Source.gitHub({ owner: 'o', repo: 'r' }) });
  Validations.of(tools.node.findChild('Build')).acknowledge({
    id: 'CaResidency::CaResidency-RegionAvailability',
    reason: ACKNOWLEDGEMENT_REASON,
  });
  new ga.Accelerator(tools, 'Accelerator');
  const data = new Stack(app, 'Data', { env: CENTRAL });
  new dynamodb.TableV2(data, 'Table', {
    partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING },
    replicas: [{ region: 'us-east-1' }],
  });
  new s3.Bucket(data, 'B');
  return app;
}
