import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { HostingNetwork } from '../../constructs/hosting-network';
import { ResidencyAlerting } from '../../constructs/residency-alerting';
import { ResidencyKey } from '../../constructs/residency-key';
import { CIS_SECURITY_CONTROLS } from '../../constructs/security-alarms';

const stackIn = (region: string) => new Stack(new App(), 'S', { env: { account: '123456789012', region } });

test('alerting refuses a plain-http endpoint, naming the value', () => {
  expect(
    () =>
      new ResidencyAlerting(stackIn('ca-central-1'), 'A', {
        keyAlias: 'alerts',
        namePrefix: 't',
        critical: { httpsEndpoints: ['http://pager.example.ca'] },
      }),
  ).toThrow(/httpsEndpoints must be https:\/\/ URLs \(got "http:\/\/pager.example.ca"\)/);
});

test('the network refuses an empty list of availability zones', () => {
  const stack = stackIn('ca-west-1');
  const key = new ResidencyKey(stack, 'K', { alias: 'logs', description: 'logs' });
  expect(() => new HostingNetwork(stack, 'N', { cidr: '10.0.0.0/16', logsKey: key, availabilityZones: [] })).toThrow(
    /availabilityZones is empty/,
  );
});

test('the CIS control set has 14 controls with unique metric names, each with a runbook family', () => {
  expect(CIS_SECURITY_CONTROLS).toHaveLength(14);
  expect(new Set(CIS_SECURITY_CONTROLS.map((c) => c.metricName)).size).toBe(14);
  for (const control of CIS_SECURITY_CONTROLS) expect(control.runbook).toMatch(/^[a-z-]+$/);
});

test('a /24 network still gets one isolated subnet per zone, with no internet gateway', () => {
  const stack = stackIn('ca-west-1');
  const key = new ResidencyKey(stack, 'K', { alias: 'logs', description: 'logs' });
  new HostingNetwork(stack, 'N', {
    cidr: '10.0.0.0/24',
    logsKey: key,
    availabilityZones: ['ca-west-1a', 'ca-west-1b', 'ca-west-1c'],
  });
  const template = Template.fromStack(stack);
  template.resourceCountIs('AWS::EC2::Subnet', 3);
  template.resourceCountIs('AWS::EC2::InternetGateway', 0);
  template.resourceCountIs('AWS::EC2::FlowLog', 1);
});
