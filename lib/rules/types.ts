import { DeclaredDestination, ResolvedResidencyOptions } from '../policy/options';

/** What a finding is about. */
export type FindingCategory =
  | 'residency'
  | 'region-availability'
  | 'encryption-at-rest'
  | 'encryption-in-transit'
  | 'key-management'
  /** Payloads (patient data) copied where operators can read them: full request/response logs, unencrypted caches. */
  | 'data-exposure'
  | 'unclassified'
  // Policy documents naming actions, condition keys or resources IAM does not know (`check --iam`).
  | 'iam';

/**
 * `fatal`: an error that no acknowledgement can silence (residency, broken exemptions/acknowledgements);
 * `error`: fails the build, may be acknowledged with a real reason; `warning`: reported only.
 */
export type FindingSeverity = 'fatal' | 'error' | 'warning';

/** One problem found in one resource (or stack) of one template. */
export interface Finding {
  /** e.g. `CaResidency-ResidentRegion`. */
  readonly ruleId: string;
  readonly category: FindingCategory;
  readonly severity: FindingSeverity;
  /** Stack name ('' for findings about the pack's own options). */
  readonly stackName: string;
  /** The stack's region, or undefined when it is not known at synth time. */
  readonly region?: string;
  /** Template file name when known (CLI, synthesized assemblies). */
  readonly templateFile?: string;
  /** Logical id of the resource; the stack name for stack-level findings. */
  readonly logicalId: string;
  /** CloudFormation type; `AWS::CloudFormation::Stack` for stack-level findings. */
  readonly resourceType: string;
  /** Location, e.g. `Properties.ReplicationConfiguration.Rules[0].Destination.Bucket`. */
  readonly path: string;
  /** Construct path when known. */
  readonly constructPath?: string;
  /** Names the value found and how to fix it. */
  readonly message: string;
}

/** A parsed CloudFormation template (JSON form). */
export interface CfnTemplate {
  readonly Resources?: Record<string, CfnResourceJson>;
  readonly Parameters?: Record<string, unknown>;
  readonly Conditions?: Record<string, unknown>;
  readonly Mappings?: Record<string, Record<string, Record<string, unknown>>>;
  readonly Outputs?: Record<string, { Value?: unknown; Export?: { Name?: unknown } }>;
  readonly Metadata?: Record<string, unknown>;
  readonly [key: string]: unknown;
}

export interface CfnResourceJson {
  readonly Type: string;
  readonly Properties?: Record<string, unknown>;
  readonly Metadata?: Record<string, unknown>;
  readonly Condition?: string;
  readonly [key: string]: unknown;
}

/** One stack template handed to the engine, by the pack or by the CLI. */
export interface TemplateUnderTest {
  readonly stackName: string;
  /** The stack's region; undefined when unresolved (env-agnostic stack). */
  readonly region?: string;
  /** The stack's account; undefined when unresolved. */
  readonly account?: string;
  readonly template: CfnTemplate;
  /** Template file name (e.g. `Primary.template.json`), when read from disk. */
  readonly templateFile?: string;
  /** Construct path of the stack, when known. */
  readonly stackConstructPath?: string;
  /**
   * logicalId → construct path. When absent, the engine reads `aws:cdk:path` resource metadata.
   */
  readonly constructPaths?: ReadonlyMap<string, string> | Readonly<Record<string, string>>;
}

/**
 * An acknowledgement recorded with `Validations.of(scope).acknowledge({ id, reason })`, as the pack reads
 * it from the construct tree and as it travels in template metadata (see docs/nag-pack.md).
 */
export interface RecordedAcknowledgement {
  /** The id as recorded, e.g. `CaResidency::CaResidency-RegionAvailability` or `Annotation::CaResidency-X`. */
  readonly id: string;
  readonly reason: string;
  /** Construct path of the scope the acknowledgement was made on ('' = the app). */
  readonly constructPath: string;
  /** Stack the scope belongs to, when it is inside a stack. */
  readonly stackName?: string;
  /** Logical id when the scope is a CloudFormation resource. */
  readonly logicalId?: string;
}

/** A resource being checked, with everything a rule may look at. */
export interface ResourceUnderTest {
  readonly logicalId: string;
  readonly type: string;
  readonly properties: Record<string, unknown>;
  readonly json: CfnResourceJson;
  readonly constructPath?: string;
  readonly scope: TemplateScope;
}

/** Per-template view used to resolve intrinsic functions. */
export interface TemplateScope {
  readonly tut: TemplateUnderTest;
  readonly stackName: string;
  readonly region?: string;
  readonly account?: string;
  readonly resources: Record<string, CfnResourceJson>;
  readonly parameters: Record<string, unknown>;
  readonly mappings: Record<string, Record<string, Record<string, unknown>>>;
  readonly app: AppIndex;
}

/** Lookups over every template of the app, built once per evaluation. */
export interface AppIndex {
  readonly scopes: readonly TemplateScope[];
  /** Canonical bucket name → where it is defined. */
  readonly bucketsByName: ReadonlyMap<
    string,
    { readonly stackName: string; readonly region?: string; readonly logicalId: string }[]
  >;
  /** Export name → the scope and output that export it. */
  readonly exports: ReadonlyMap<string, { readonly scope: TemplateScope; readonly value: unknown }>;
}

/** What a rule gets besides the resource. */
export interface RuleContext {
  readonly options: ResolvedResidencyOptions;
  /** Record a finding for the current resource. */
  report(f: { path: string; message: string }): void;
  /** Record that a declared destination let a data path of the current resource through (shown in reports). */
  declared?(use: { path: string; destination: string; declaration: DeclaredDestination }): void;
}

/** A data path of a resource whose destination was accepted because the user declared it. */
export interface DeclaredDestinationUse {
  readonly stackName: string;
  readonly logicalId: string;
  readonly resourceType: string;
  readonly constructPath?: string;
  /** Property path of the data path. */
  readonly path: string;
  /** How the destination was located (includes the declared region and reason). */
  readonly destination: string;
  readonly declaration: DeclaredDestination;
}

/** A rule over one resource. */
export interface ResourceRule {
  /** Rule id, `CaResidency-<Name>`. */
  readonly id: string;
  readonly category: FindingCategory;
  readonly severity: FindingSeverity;
  /** One-line summary of what is checked. */
  readonly summary: string;
  /** Resource types the rule looks at; `'*'` for every type. */
  readonly resourceTypes: readonly string[] | '*';
  check(resource: ResourceUnderTest, ctx: RuleContext): void;
}

/** A rule over one whole stack template (e.g. the stack's own region). */
export interface StackRule {
  readonly id: string;
  readonly category: FindingCategory;
  readonly severity: FindingSeverity;
  readonly summary: string;
  check(scope: TemplateScope, ctx: RuleContext): void;
}
