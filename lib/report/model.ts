/**
 * The residency report as data: what the Markdown and JSON renderers print. Every list is sorted by the
 * builder, and nothing in it depends on the clock except `evaluationDate`, which the caller chooses.
 */

/** A KMS key as far as the templates tell. */
export interface KeyFacts {
  /** Logical id of the `AWS::KMS::Key` when it is defined in the app. */
  readonly logicalId?: string;
  /** Stack that defines the key, when it is in the app. */
  readonly stackName?: string;
  /** ARN, alias or rendered value of the reference, when it is not a resource of the app. */
  readonly reference?: string;
  /** Region the key lives in; undefined when the templates cannot tell. */
  readonly region?: string;
}

/** Encryption at rest of one data store. */
export interface AtRestFacts {
  /** `customer-managed`: a customer-managed KMS key and no encryption-at-rest finding. */
  readonly status: 'customer-managed' | 'service-managed' | 'unencrypted' | 'not-proven';
  readonly key?: KeyFacts;
  /** One line for readers, e.g. `AWS owned key (service default)`. */
  readonly detail: string;
}

/** Encryption in transit of one data store. */
export interface InTransitFacts {
  /** `enforced`: a resource-level control denies plain or old TLS; `service-default`: AWS API endpoints only (HTTPS). */
  readonly status: 'enforced' | 'not-enforced' | 'service-default';
  readonly detail: string;
}

/** Where a data store's data is replicated. */
export interface ReplicationTarget {
  /** The destination as written (bucket ARN, replica region). */
  readonly destination: string;
  readonly region?: string;
  /** The destination resource when it is in the app. */
  readonly stackName?: string;
  readonly logicalId?: string;
  /** Key used for replicas, when set. */
  readonly key?: KeyFacts;
}

/** A backup copy destination. */
export interface CopyTarget {
  readonly vault: string;
  readonly region?: string;
}

/** One backup plan rule protecting a data store. */
export interface BackupCoverage {
  readonly stackName: string;
  readonly plan: string;
  readonly planLogicalId: string;
  readonly rule: string;
  /** `tag residency:backup=true` or `resource ARN` (how the selection picks the data store). */
  readonly selectedBy: string;
  readonly selection: string;
  /** The vault recovery points land in (same region as the plan). */
  readonly vault: string;
  readonly region?: string;
  readonly copies: readonly CopyTarget[];
}

/** One data-storing resource. */
export interface DataStoreEntry {
  readonly stackName: string;
  readonly region?: string;
  readonly logicalId: string;
  readonly type: string;
  readonly constructPath?: string;
  readonly atRest: AtRestFacts;
  readonly inTransit: InTransitFacts;
  readonly replication: readonly ReplicationTarget[];
  /** Whether AWS Backup can protect this type at all. */
  readonly backupEligible: boolean;
  readonly backup: readonly BackupCoverage[];
  /** Unexempted, unacknowledged findings on this resource. */
  readonly findings: number;
}

export interface StackEntry {
  readonly stackName: string;
  readonly region?: string;
  readonly account?: string;
  readonly templateFile?: string;
  readonly resources: number;
  readonly dataStores: number;
  readonly findings: number;
  /** Resource type → count, sorted by type. */
  readonly resourceTypes: Readonly<Record<string, number>>;
}

export interface ReportFinding {
  readonly ruleId: string;
  readonly severity: string;
  readonly category: string;
  readonly stackName: string;
  readonly region?: string;
  readonly logicalId: string;
  readonly resourceType: string;
  readonly path: string;
  readonly message: string;
}

/** A valid exemption and the findings it lets through. */
export interface ExemptionEntry {
  readonly ruleId: string;
  readonly resource: string;
  readonly reason: string;
  readonly expires: string;
  /** Days from the evaluation date to the last day of the exemption. */
  readonly daysLeft: number;
  /** Expires within EXPIRY_WARNING_DAYS of the evaluation date. */
  readonly expiringSoon: boolean;
  /** `stack/logicalId` of each finding exempted. */
  readonly covers: readonly string[];
}

/** An acknowledged finding (CaResidency) or an acknowledgement recorded by another cdk-nag pack. */
export interface AcknowledgementEntry {
  /** `CaResidency`, `AwsSolutions`, `HIPAA.Security`... */
  readonly pack: string;
  readonly ruleId: string;
  /** Construct path of the acknowledgement's scope. */
  readonly acknowledgedAt: string;
  /** Construct paths (or stack/logical ids) of the acknowledged resources. */
  readonly resources: readonly string[];
  readonly reason: string;
}

export type ControlStatus = 'met' | 'partial' | 'not-met' | 'not-applicable';

/** One control judged from the templates. */
export interface ControlEntry {
  readonly id: string;
  readonly title: string;
  /** e.g. `ITSG-33 SC-28`, `PIPEDA 4.7`, `HIPAA 164.312(a)(2)(iv)`. */
  readonly references: readonly string[];
  readonly status: ControlStatus;
  /** The facts the status was derived from. */
  readonly evidence: string;
}

export type FlowKind = 'replication' | 'backup' | 'backup-copy' | 'log-delivery';

/** A data flow between two resources (or a region's activity and a trail). */
export interface DataFlow {
  readonly kind: FlowKind;
  readonly from: FlowEnd;
  readonly to: FlowEnd;
  readonly label: string;
}

export interface FlowEnd {
  /** Stable id, `stack/logicalId` or `external/<text>`. */
  readonly id: string;
  readonly label: string;
  readonly region?: string;
}

export interface ResidencyReport {
  readonly schemaVersion: 1;
  /** YYYY-MM-DD: the day exemptions were judged against. */
  readonly evaluationDate: string;
  readonly summary: {
    readonly stacks: number;
    readonly resources: number;
    readonly dataStores: number;
    readonly findings: number;
    readonly failing: boolean;
    readonly exempted: number;
    readonly acknowledged: number;
    readonly exemptionsExpiringSoon: number;
  };
  readonly stacks: readonly StackEntry[];
  readonly dataStores: readonly DataStoreEntry[];
  readonly findings: readonly ReportFinding[];
  readonly exemptions: readonly ExemptionEntry[];
  readonly acknowledgements: readonly AcknowledgementEntry[];
  readonly controls: readonly ControlEntry[];
  readonly flows: readonly DataFlow[];
  /** Data paths whose destination the user declared (options `declaredDestinations`); absent when there are none. */
  readonly declaredDestinations?: readonly DeclaredDestinationEntry[];
}

/** A data path let through by a declared destination, with the declaration's region and reason. */
export interface DeclaredDestinationEntry {
  readonly stackName: string;
  readonly logicalId: string;
  readonly resourceType: string;
  readonly path: string;
  readonly destination: string;
  readonly region: string;
  readonly reason: string;
}

/** An exemption whose last day is this close to the evaluation date is flagged. */
export const EXPIRY_WARNING_DAYS = 30;
