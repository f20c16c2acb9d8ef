import { App, Stack } from 'aws-cdk-lib';
import { ResidencyAlerting } from '../../constructs/residency-alerting';
import { ResidencyAuditor } from '../../constructs/residency-auditor';

// Construction only: the props are validated before anything is bundled (bundling is covered in test/app/auditor.test.ts).
test('allowedRegions outside Canada are refused at synth time, naming the construct and the value', () => {
  const stack = new Stack(new App(), 'S', { env: { account: '111122223333', region: 'ca-central-1' } });
  const alerting = new ResidencyAlerting(stack, 'Alerting', { keyAlias: 'alerts', namePrefix: 'x' });
  expect(
    () =>
      new ResidencyAuditor(stack, 'Auditor', {
        alerting,
        namePrefix: 'x',
        keyAlias: 'auditor',
        allowedRegions: ['ca-central-1', 'us-east-1'],
      }),
  ).toThrow(/S\/Auditor.*allowedRegions must list Canadian regions only \(got \["ca-central-1","us-east-1"\]\)/);
  expect(
    () =>
      new ResidencyAuditor(stack, 'Auditor2', { alerting, namePrefix: 'x', keyAlias: 'auditor2', allowedRegions: [] }),
  ).toThrow(/got \[\]/);
});
