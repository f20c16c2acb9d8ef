import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { AlarmFactory } from './alarm-factory';
import { AlertTier, ResidencyAlerting } from './residency-alerting';

/** One CIS AWS Foundations monitoring control: a CloudTrail filter pattern and the alarm on its metric. */
export interface SecurityControl {
  readonly id: string;
  readonly metricName: string;
  readonly description: string;
  readonly pattern: string;
  readonly tier: AlertTier;
  /** Runbook family (`docs/runbooks/<family>.md`). */
  readonly runbook: string;
  /** @default 1 */
  readonly threshold?: number;
}

const eventNames = (names: string[]) => names.map((n) => `($.eventName = ${n})`).join(' || ');

/** The CIS monitoring set, as filter patterns over CloudTrail records. */
export const CIS_SECURITY_CONTROLS: readonly SecurityControl[] = [
  {
    id: 'RootAccountUsage',
    metricName: 'RootAccountUsage',
    tier: 'critical',
    runbook: 'identity-and-access',
    description: 'The root user made a request',
    pattern:
      '{ $.userIdentity.type = "Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != "AwsServiceEvent" }',
  },
  {
    // Denied calls are routine (probing tools, expired sessions): a burst is what matters.
    id: 'UnauthorizedApiCalls',
    metricName: 'UnauthorizedAPICalls',
    tier: 'warning',
    runbook: 'identity-and-access',
    threshold: 5,
    description: 'Five or more API calls were denied in 5 minutes',
    pattern: '{ ($.errorCode = "*UnauthorizedOperation") || ($.errorCode = "AccessDenied*") }',
  },
  {
    id: 'ConsoleSigninWithoutMfa',
    metricName: 'ConsoleSigninWithoutMFA',
    tier: 'critical',
    runbook: 'identity-and-access',
    description: 'An IAM user signed in to the console without MFA',
    pattern:
      '{ ($.eventName = "ConsoleLogin") && ($.additionalEventData.MFAUsed != "Yes") && ($.userIdentity.type = "IAMUser") && ($.responseElements.ConsoleLogin = "Success") }',
  },
  {
    id: 'ConsoleAuthenticationFailure',
    metricName: 'ConsoleAuthenticationFailure',
    tier: 'warning',
    runbook: 'identity-and-access',
    description: 'A console sign-in failed authentication',
    pattern: '{ ($.eventName = ConsoleLogin) && ($.errorMessage = "Failed authentication") }',
  },
  {
    id: 'IamPolicyChanges',
    metricName: 'IAMPolicyChanges',
    tier: 'warning',
    runbook: 'identity-and-access',
    description: 'An IAM policy was created, changed, attached or detached',
    pattern: `{ ${eventNames([
      'DeleteGroupPolicy',
      'DeleteRolePolicy',
      'DeleteUserPolicy',
      'PutGroupPolicy',
      'PutRolePolicy',
      'PutUserPolicy',
      'CreatePolicy',
      'DeletePolicy',
      'CreatePolicyVersion',
      'DeletePolicyVersion',
      'AttachRolePolicy',
      'DetachRolePolicy',
      'AttachUserPolicy',
      'DetachUserPolicy',
      'AttachGroupPolicy',
      'DetachGroupPolicy',
    ])} }`,
  },
  {
    id: 'CloudTrailChanges',
    metricName: 'CloudTrailChanges',
    tier: 'critical',
    runbook: 'audit-configuration',
    description: 'A CloudTrail trail was created, updated, deleted, started or stopped',
    pattern: `{ ${eventNames(['CreateTrail', 'UpdateTrail', 'DeleteTrail', 'StartLogging', 'StopLogging'])} }`,
  },
  {
    id: 'DisableOrDeleteCmk',
    metricName: 'DisableOrDeleteCMK',
    tier: 'critical',
    runbook: 'key-management',
    description: 'A customer-managed KMS key was disabled or scheduled for deletion',
    pattern:
      '{ ($.eventSource = kms.amazonaws.com) && (($.eventName = DisableKey) || ($.eventName = ScheduleKeyDeletion)) }',
  },
  {
    id: 'S3BucketPolicyChanges',
    metricName: 'S3BucketPolicyChanges',
    tier: 'warning',
    runbook: 'audit-configuration',
    description: 'An S3 bucket policy, ACL, CORS, lifecycle or replication configuration changed',
    pattern: `{ ($.eventSource = s3.amazonaws.com) && (${eventNames([
      'PutBucketAcl',
      'PutBucketPolicy',
      'PutBucketCors',
      'PutBucketLifecycle',
      'PutBucketReplication',
      'DeleteBucketPolicy',
      'DeleteBucketCors',
      'DeleteBucketLifecycle',
      'DeleteBucketReplication',
    ])}) }`,
  },
  {
    id: 'AwsConfigChanges',
    metricName: 'AWSConfigChanges',
    tier: 'warning',
    runbook: 'audit-configuration',
    description: 'The AWS Config recorder or delivery channel changed or stopped',
    pattern: `{ ($.eventSource = config.amazonaws.com) && (${eventNames(['StopConfigurationRecorder', 'DeleteDeliveryChannel', 'PutDeliveryChannel', 'PutConfigurationRecorder'])}) }`,
  },
  {
    id: 'SecurityGroupChanges',
    metricName: 'SecurityGroupChanges',
    tier: 'warning',
    runbook: 'network-changes',
    description: 'A security group or one of its rules changed',
    pattern: `{ ${eventNames(['AuthorizeSecurityGroupIngress', 'AuthorizeSecurityGroupEgress', 'RevokeSecurityGroupIngress', 'RevokeSecurityGroupEgress', 'CreateSecurityGroup', 'DeleteSecurityGroup'])} }`,
  },
  {
    id: 'NetworkAclChanges',
    metricName: 'NetworkACLChanges',
    tier: 'warning',
    runbook: 'network-changes',
    description: 'A network ACL or one of its entries changed',
    pattern: `{ ${eventNames(['CreateNetworkAcl', 'CreateNetworkAclEntry', 'DeleteNetworkAcl', 'DeleteNetworkAclEntry', 'ReplaceNetworkAclEntry', 'ReplaceNetworkAclAssociation'])} }`,
  },
  {
    // This baseline has no internet gateway: one appearing is a change of exposure.
    id: 'NetworkGatewayChanges',
    metricName: 'NetworkGatewayChanges',
    tier: 'critical',
    runbook: 'network-changes',
    description: 'An internet or customer gateway was created, attached, detached or deleted',
    pattern: `{ ${eventNames(['CreateCustomerGateway', 'DeleteCustomerGateway', 'AttachInternetGateway', 'CreateInternetGateway', 'DeleteInternetGateway', 'DetachInternetGateway'])} }`,
  },
  {
    id: 'RouteTableChanges',
    metricName: 'RouteTableChanges',
    tier: 'warning',
    runbook: 'network-changes',
    description: 'A route or route table changed',
    pattern: `{ ${eventNames(['CreateRoute', 'CreateRouteTable', 'ReplaceRoute', 'ReplaceRouteTableAssociation', 'DeleteRouteTable', 'DeleteRoute', 'DisassociateRouteTable'])} }`,
  },
  {
    id: 'VpcChanges',
    metricName: 'VPCChanges',
    tier: 'warning',
    runbook: 'network-changes',
    description: 'A VPC, its attributes or a peering connection changed',
    pattern: `{ ${eventNames([
      'CreateVpc',
      'DeleteVpc',
      'ModifyVpcAttribute',
      'AcceptVpcPeeringConnection',
      'CreateVpcPeeringConnection',
      'DeleteVpcPeeringConnection',
      'RejectVpcPeeringConnection',
      'AttachClassicLinkVpc',
      'DetachClassicLinkVpc',
      'DisableVpcClassicLink',
      'EnableVpcClassicLink',
    ])} }`,
  },
];

export interface SecurityAlarmsProps {
  /** The audit trail's log group (same region as the alarms). */
  readonly logGroup: logs.ILogGroup;
  readonly alerting: ResidencyAlerting;
  /** @default 'CaResidency/Security' */
  readonly metricNamespace?: string;
  /** @default CIS_SECURITY_CONTROLS */
  readonly controls?: readonly SecurityControl[];
  /** Prefix of alarm names, e.g. `cacr-prod`. */
  readonly namePrefix: string;
}

/**
 * The CIS monitoring alarms: one metric filter per control on the trail's log group, each emitting
 * the metric (value 1 per matching record) that exactly one alarm watches.
 */
export class SecurityAlarms extends Construct {
  readonly alarms: cloudwatch.Alarm[] = [];
  readonly filters: logs.MetricFilter[] = [];

  constructor(scope: Construct, id: string, props: SecurityAlarmsProps) {
    super(scope, id);
    const namespace = props.metricNamespace ?? 'CaResidency/Security';
    const alarms = new AlarmFactory(this, { alerting: props.alerting, namePrefix: props.namePrefix });
    for (const control of props.controls ?? CIS_SECURITY_CONTROLS) {
      const filter = new logs.MetricFilter(this, `${control.id}Filter`, {
        logGroup: props.logGroup,
        filterPattern: logs.FilterPattern.literal(control.pattern),
        metricNamespace: namespace,
        metricName: control.metricName,
        metricValue: '1',
      });
      this.filters.push(filter);
      // A filter only emits when a record matches: no data means no matching event (the factory's default).
      alarms.addAlarm({
        id: `${control.id}Alarm`,
        nameSuffix: control.id,
        description: control.description,
        runbook: control.runbook,
        tier: control.tier,
        metric: filter.metric({ statistic: cloudwatch.Stats.SUM, period: Duration.minutes(5) }),
        threshold: control.threshold ?? 1,
      });
    }
    this.alarms.push(...alarms.alarms);
  }
}
