import { Duration, Stack, StackProps } from 'aws-cdk-lib';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as subs from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';
// A platform team would import these from 'cdk-ca-residency'; inside the repository, from the package's index.
import {
  LockedBackupVault,
  PRIMARY_REGION,
  RECOVERY_REGION,
  RegionalFoundation,
  ResidencyBackupPlan,
  ResidencyConfig,
  ResidencyKey,
  ResidencyNames,
  ResidentDatabase,
  ResidentFileSystem,
  ResidentQueue,
  ResidentSecret,
  ResidentTable,
  ResidentTopic,
} from '../../index';
import { FhirPatientApi } from './fhir-patient-api';
import { PATIENT_ITEM } from './fhir/dynamodb-patient-store';

/** Key aliases of the workload, the same name in both regions so each region can address the other's by name. */
export const WORKLOAD_KEY_ALIASES = {
  data: 'alias/patient-records-data',
  topics: 'alias/patient-records-topics',
  logs: 'alias/patient-records-logs',
};

export interface WorkloadStackProps extends StackProps {
  readonly config: ResidencyConfig;
  /** The baseline of this stack's region (keys, network, vault, alerting). */
  readonly foundation: RegionalFoundation;
}

/** What every workload stack builds first: its keys, on the baseline of its region. */
function workloadKeys(scope: Construct) {
  return {
    data: new ResidencyKey(scope, 'DataKey', {
      alias: WORKLOAD_KEY_ALIASES.data,
      description:
        'Encrypts patient records: tables, file systems, databases, queues and secrets, and function environments',
      usableVia: ['dynamodb', 'elasticfilesystem', 'lambda', 'rds', 'secretsmanager', 'sqs'],
    }),
    // Topics have their own key: the key policy of a queue a topic delivers to names the topic.
    topics: new ResidencyKey(scope, 'TopicKey', {
      alias: WORKLOAD_KEY_ALIASES.topics,
      description: 'Encrypts patient-records topics',
      usableVia: ['sns'],
    }),
  };
}

/**
 * Patient records in the recovery region (ca-west-1), deployed before the primary workload: the keys the primary's
 * table and secret replicas use, and the intake queue and notification topic of the recovery site.
 */
export class PatientRecordsRecoveryStack extends Stack {
  readonly intake: ResidentQueue;
  readonly notifications: ResidentTopic;

  constructor(scope: Construct, id: string, props: WorkloadStackProps) {
    super(scope, id, props);
    const keys = workloadKeys(this);
    const alerting = props.foundation.alerting;
    this.intake = new ResidentQueue(this, 'ReferralIntake', {
      alerting,
      encryptionKey: keys.data.key,
      queueName: 'patient-records-referrals-west',
    });
    this.notifications = new ResidentTopic(this, 'RecordNotifications', {
      alerting,
      encryptionKey: keys.topics.key,
      topicName: 'patient-records-notifications-west',
    });
    this.notifications.addSubscription(new subs.SqsSubscription(this.intake.queue, { rawMessageDelivery: true }));
  }
}

/** The FHIR API's custom domain: its host name and, when it already exists, its ACM certificate in ca-central-1. */
export interface FhirDomainProps {
  /** Lower-case host name partners call, e.g. `fhir.example.org`. */
  readonly domainName: string;
  /**
   * ARN of an issued ACM certificate of ca-central-1 for `domainName`.
   * @default - a new ACM certificate validated by DNS (the DNS owner adds the CNAME record ACM asks for)
   */
  readonly certificateArn?: string;
}

export interface PatientRecordsPrimaryStackProps extends WorkloadStackProps {
  /** The custom domain of the FHIR API. */
  readonly fhirDomain: FhirDomainProps;
}

/**
 * Patient records in the primary region (ca-central-1): the chart database, the encounter and patient tables
 * (replicated to ca-west-1), the scanned-documents file system, the referral queue and notification topic, the
 * partner API secret (replicated to ca-west-1), all backed up by a plan copying to the ca-west-1 vault; and the
 * FHIR R4 Patient API in front of the patient table.
 */
export class PatientRecordsPrimaryStack extends Stack {
  readonly database: ResidentDatabase;
  readonly encounters: ResidentTable;
  readonly patients: ResidentTable;
  readonly fhirApi: FhirPatientApi;
  readonly scans: ResidentFileSystem;
  readonly referrals: ResidentQueue;
  readonly notifications: ResidentTopic;
  readonly partnerKey: ResidentSecret;

  constructor(scope: Construct, id: string, props: PatientRecordsPrimaryStackProps) {
    super(scope, id, props);
    const { config, foundation } = props;
    const names = new ResidencyNames(config);
    const network = foundation.network;
    if (!network)
      throw new Error(
        'PatientRecordsPrimaryStack: the baseline network is off (network.enabled); the workload needs its isolated subnets',
      );
    const keys = workloadKeys(this);
    const logsKey = new ResidencyKey(this, 'LogsKey', {
      alias: WORKLOAD_KEY_ALIASES.logs,
      description: 'Encrypts patient-records logs: database, FHIR function and API (access, execution, WAF)',
    });
    const alerting = foundation.alerting;

    // The workload's own plan, writing to the baseline's locked vault and copying every recovery point to ca-west-1.
    const backupPlan = new ResidencyBackupPlan(this, 'BackupPlan', {
      backupPlanName: 'patient-records',
      vault: foundation.vault.vault,
      rules: [
        { name: 'daily', schedule: 'cron(0 5 ? * * *)', retention: Duration.days(35) },
        { name: 'monthly', schedule: 'cron(0 6 1 * ? *)', retention: Duration.days(365) },
      ],
      copyTo: {
        vaultArn: LockedBackupVault.arnInRegion(this, names.vaultName(), RECOVERY_REGION),
        region: RECOVERY_REGION,
      },
      selectionTag: { key: 'residency:backup', value: 'patient-records' },
    });

    const app = new ec2.SecurityGroup(this, 'ApplicationTasks', {
      vpc: network.vpc,
      description: 'Patient-records application tasks',
      allowAllOutbound: false,
    });
    this.database = new ResidentDatabase(this, 'Charts', {
      alerting,
      encryptionKey: keys.data.key,
      logsKey,
      backupPlan,
      vpc: network.vpc,
      allowedPeers: [app],
      clusterIdentifier: 'patient-charts',
      defaultDatabaseName: 'charts',
    });
    this.encounters = new ResidentTable(this, 'Encounters', {
      alerting,
      encryptionKey: keys.data.key,
      backupPlan,
      tableName: 'patient-encounters',
      partitionKey: { name: 'patientId', type: dynamodb.AttributeType.STRING },
      sortKey: { name: 'encounterAt', type: dynamodb.AttributeType.STRING },
      replicas: [{ region: RECOVERY_REGION, keyAlias: WORKLOAD_KEY_ALIASES.data }],
    });
    // FHIR Patient resources, one item per patient (the FHIR id is the key), written by the FHIR API only.
    this.patients = new ResidentTable(this, 'Patients', {
      alerting,
      encryptionKey: keys.data.key,
      backupPlan,
      tableName: 'patient-records-patients',
      partitionKey: { name: PATIENT_ITEM.key, type: dynamodb.AttributeType.STRING },
      replicas: [{ region: RECOVERY_REGION, keyAlias: WORKLOAD_KEY_ALIASES.data }],
    });
    this.scans = new ResidentFileSystem(this, 'Scans', {
      alerting,
      encryptionKey: keys.data.key,
      backupPlan,
      vpc: network.vpc,
      allowedPeers: [app],
      fileSystemName: 'patient-scans',
      accessPoints: [{ id: 'Radiology', path: '/radiology', posixUser: { uid: '1001', gid: '1001' } }],
    });
    this.referrals = new ResidentQueue(this, 'Referrals', {
      alerting,
      encryptionKey: keys.data.key,
      queueName: 'patient-records-referrals',
    });
    this.notifications = new ResidentTopic(this, 'RecordNotifications', {
      alerting,
      encryptionKey: keys.topics.key,
      topicName: 'patient-records-notifications',
    });
    this.notifications.addSubscription(new subs.SqsSubscription(this.referrals.queue, { rawMessageDelivery: true }));
    this.partnerKey = new ResidentSecret(this, 'LabPartnerCredentials', {
      alerting,
      encryptionKey: keys.data.key,
      secretName: 'patient-records/lab-partner',
      description: 'Credentials of the laboratory partner integration',
      // A database user's credentials, rotated by the function Secrets Manager hosts, inside the hosting network.
      rotation: {
        hostedRotation: secretsmanager.HostedRotation.postgreSqlSingleUser({
          vpc: network.vpc,
          vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
          securityGroups: [app],
        }),
      },
      generateSecretString: {
        secretStringTemplate: JSON.stringify({ username: 'lab_partner' }),
        generateStringKey: 'password',
        excludePunctuation: true,
      },
      replicas: [{ region: RECOVERY_REGION, keyAlias: WORKLOAD_KEY_ALIASES.data }],
    });

    // The partner front door: a REGIONAL API on its custom domain, its function in the hosting VPC.
    const { domainName, certificateArn } = props.fhirDomain;
    const certificate = certificateArn
      ? acm.Certificate.fromCertificateArn(this, 'FhirCertificate', certificateArn)
      : new acm.Certificate(this, 'FhirCertificate', {
          domainName,
          validation: acm.CertificateValidation.fromDns(),
        });
    this.fhirApi = new FhirPatientApi(this, 'FhirApi', {
      alerting,
      vpc: network.vpc,
      patients: this.patients,
      dataKey: keys.data,
      logsKey,
      domainName,
      certificate,
    });
  }
}

export { PRIMARY_REGION, RECOVERY_REGION };
