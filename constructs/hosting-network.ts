import { Fn, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { InvalidPropError } from './invalid-prop-error';
import { allowCloudWatchLogs } from './log-group-encryption';
import { ResidencyKey } from './residency-key';

/** Both Canadian regions offer three zones to every account. */
const ZONE_COUNT = 3;

/**
 * The region's first three availability zones as CloudFormation resolves them at deploy time
 * (`Fn::GetAZs`): synth needs no AWS account, and no zone name is hardcoded (zone names differ per
 * account, and ca-central-1c is not offered to new accounts).
 */
export function regionAvailabilityZones(): string[] {
  return Array.from({ length: ZONE_COUNT }, (_, index) => Fn.select(index, Fn.getAzs()));
}

export interface HostingNetworkProps {
  /** IPv4 CIDR of the VPC, e.g. `10.40.0.0/16`. */
  readonly cidr: string;
  /** Customer-managed key of this region encrypting the flow-log group. */
  readonly logsKey: ResidencyKey;
  /** @default logs.RetentionDays.ONE_YEAR */
  readonly flowLogRetention?: logs.RetentionDays;
  /**
   * Interface endpoints by service short name (`kms`, `logs`, `sts`, `ecr.api`...), so calls to AWS
   * services stay on the AWS network.
   * @default - none
   */
  readonly interfaceEndpoints?: string[];
  /** @default - the region's first three zones, resolved at deploy time (`Fn::GetAZs`) */
  readonly availabilityZones?: string[];
  /** @default - generated */
  readonly vpcName?: string;
}

/**
 * A hosting VPC with private isolated subnets in every availability zone of the region: no internet
 * gateway, no NAT, flow logs (all traffic) to a KMS-encrypted log group, S3 and DynamoDB gateway
 * endpoints, configurable interface endpoints, and the default security group stripped of its rules.
 */
export class HostingNetwork extends Construct {
  readonly vpc: ec2.Vpc;
  readonly flowLogGroup: logs.LogGroup;
  readonly endpointSecurityGroup?: ec2.SecurityGroup;

  constructor(scope: Construct, id: string, props: HostingNetworkProps) {
    super(scope, id);
    const stack = Stack.of(this);
    const zones = props.availabilityZones ?? regionAvailabilityZones();
    if (zones.length === 0) {
      throw new InvalidPropError(this, 'HostingNetwork: availabilityZones is empty; pass at least one zone');
    }

    allowCloudWatchLogs(props.logsKey);
    this.flowLogGroup = new logs.LogGroup(this, 'FlowLogs', {
      encryptionKey: props.logsKey.key,
      retention: props.flowLogRetention ?? logs.RetentionDays.ONE_YEAR,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const flowLogRole = new iam.Role(this, 'FlowLogRole', {
      assumedBy: new iam.ServicePrincipal('vpc-flow-logs.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': stack.account } },
      }),
      description: 'VPC flow logs write to their log group',
    });
    flowLogRole.addManagedPolicy(
      new iam.ManagedPolicy(this, 'FlowLogPolicy', {
        description: 'Delivery of VPC flow logs to their log group only',
        statements: [
          new iam.PolicyStatement({
            actions: ['logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams'],
            resources: [this.flowLogGroup.logGroupArn],
          }),
        ],
      }),
    );

    this.vpc = new ec2.Vpc(this, 'Vpc', {
      vpcName: props.vpcName,
      ipAddresses: ec2.IpAddresses.cidr(props.cidr),
      availabilityZones: zones,
      // Isolated subnets only: no public subnet, so no internet gateway and no NAT gateway.
      // No cidrMask: CDK splits the block evenly across the zones, whatever its size (/16 to /24).
      subnetConfiguration: [{ name: 'isolated', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }],
      natGateways: 0,
      createInternetGateway: false,
      restrictDefaultSecurityGroup: true,
      gatewayEndpoints: {
        S3: { service: ec2.GatewayVpcEndpointAwsService.S3 },
        DynamoDB: { service: ec2.GatewayVpcEndpointAwsService.DYNAMODB },
      },
    });

    // The L1 flow log: the L2 would add an inline policy to the role (HIPAA rules want managed policies).
    new ec2.CfnFlowLog(this, 'FlowLog', {
      resourceId: this.vpc.vpcId,
      resourceType: 'VPC',
      trafficType: 'ALL',
      logDestinationType: 'cloud-watch-logs',
      logGroupName: this.flowLogGroup.logGroupName,
      deliverLogsPermissionArn: flowLogRole.roleArn,
    }).node.addDependency(flowLogRole);

    const services = [...new Set(props.interfaceEndpoints ?? [])].sort();
    if (services.length > 0) {
      // Only HTTPS from inside the VPC reaches the endpoints.
      this.endpointSecurityGroup = new ec2.SecurityGroup(this, 'EndpointSecurityGroup', {
        vpc: this.vpc,
        description: 'HTTPS from the VPC to interface endpoints',
        allowAllOutbound: false,
      });
      this.endpointSecurityGroup.addIngressRule(ec2.Peer.ipv4(props.cidr), ec2.Port.tcp(443), 'HTTPS from the VPC');
      for (const service of services) {
        const endpointId = service
          .replace(/[^A-Za-z0-9]/g, '-')
          .split('-')
          .map((p) => p.charAt(0).toUpperCase() + p.slice(1))
          .join('');
        this.vpc.addInterfaceEndpoint(`${endpointId}Endpoint`, {
          service: new ec2.InterfaceVpcEndpointAwsService(service),
          privateDnsEnabled: true,
          securityGroups: [this.endpointSecurityGroup],
          open: false,
        });
      }
    }
  }
}
