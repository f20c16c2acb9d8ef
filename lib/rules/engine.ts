import { ResidencyOptions, ResolvedResidencyOptions, resolveResidencyOptions } from '../policy/options';
import { ApiPayloadsStayOutOfLogsAndCaches } from './DataExposure';
import { BackupCopyDestinationIsResident } from './BackupCopyDestination';
import { DataDestinationsAreResident } from './DataDestination';
import { DataPathStaysInCanada } from './GlobalService';
import { DynamoDBGlobalTableReplicasAreResident } from './DynamoDBReplicaRegion';
import { EncryptedAtRestWithCustomerKey } from './EncryptedAtRest';
import { EncryptedInTransit } from './EncryptedInTransit';
import {
  ACKNOWLEDGEMENT_RULE_ID,
  AcknowledgedFinding,
  acknowledgementFindings,
  acknowledgementFor,
  EXEMPTION_RULE_ID,
  ExemptedFinding,
  exemptionCovers,
  exemptionNames,
  unmatchedExemptionFindings,
  validateExemptions,
} from './exemptions';
import { KmsKeysWellManaged } from './KeyManagement';
import {
  CONDITIONS_RULE,
  conditionVariants,
  mergeVariantDeclarations,
  mergeVariantFindings,
  tooManyMessage,
} from './condition-variants';
import { decideCondition, declaredConditions, isDeployed } from './decide-condition';
import { RegionReferencesAreResident } from './ResidentRegion';
import { literalOf, resolveString } from './resolve';
import { ResourceTypeAvailableInRegion } from './RegionAvailability';
import { ResourceTypeClassified } from './Unclassified';
import { S3ReplicationDestinationIsResident } from './S3ReplicationDestination';
import { StackRegionIsAllowed } from './StackRegion';
import {
  AppIndex,
  CfnResourceJson,
  DeclaredDestinationUse,
  Finding,
  FindingCategory,
  RecordedAcknowledgement,
  ResourceRule,
  ResourceUnderTest,
  RuleContext,
  StackRule,
  TemplateScope,
  TemplateUnderTest,
} from './types';
import { ownEntry } from '../policy/own-entry';

/** Rules over whole stacks. */
export const STACK_RULES: readonly StackRule[] = [StackRegionIsAllowed];

/** Rules over single resources. */
export const RESOURCE_RULES: readonly ResourceRule[] = [
  RegionReferencesAreResident,
  S3ReplicationDestinationIsResident,
  BackupCopyDestinationIsResident,
  DynamoDBGlobalTableReplicasAreResident,
  DataPathStaysInCanada,
  DataDestinationsAreResident,
  ResourceTypeAvailableInRegion,
  EncryptedAtRestWithCustomerKey,
  EncryptedInTransit,
  KmsKeysWellManaged,
  ApiPayloadsStayOutOfLogsAndCaches,
  ResourceTypeClassified,
];

/** Every rule id the engine can report, including the ones about exemptions and acknowledgements. */
export const RULE_IDS: readonly string[] = [
  ...STACK_RULES.map((r) => r.id),
  ...RESOURCE_RULES.map((r) => r.id),
  CONDITIONS_RULE.id,
  EXEMPTION_RULE_ID,
  ACKNOWLEDGEMENT_RULE_ID,
];

/** Resource types that are not deployed infrastructure. */
const SKIPPED_TYPES = new Set(['AWS::CDK::Metadata']);

const WILDCARD_RULES = RESOURCE_RULES.filter((r) => r.resourceTypes === '*');
const RULES_FOR_TYPE = new Map<string, readonly ResourceRule[]>();

/** Rules that apply to a type, computed once per type. */
function rulesFor(type: string): readonly ResourceRule[] {
  let rules = RULES_FOR_TYPE.get(type);
  if (!rules) {
    const typed = RULES_BY_TYPE.get(type);
    rules = typed ? RESOURCE_RULES.filter((r) => r.resourceTypes === '*' || typed.includes(r)) : WILDCARD_RULES;
    RULES_FOR_TYPE.set(type, rules);
  }
  return rules;
}
const RULES_BY_TYPE = new Map<string, ResourceRule[]>();
for (const r of RESOURCE_RULES) {
  if (r.resourceTypes === '*') continue;
  for (const t of r.resourceTypes) {
    const list = RULES_BY_TYPE.get(t) ?? [];
    list.push(r);
    RULES_BY_TYPE.set(t, list);
  }
}

/** Everything one evaluation produced. */
export interface EvaluationResult {
  /** Findings that fail the build: not exempted and not acknowledged. Stable order. */
  readonly findings: Finding[];
  /** Findings let through by a valid exemption (shown in every report). */
  readonly exempted: ExemptedFinding[];
  /** Non-fatal findings acknowledged with `CaResidency::<rule>` (CDK core records them in validation-report.json). */
  readonly acknowledged: AcknowledgedFinding[];
  readonly summary: EvaluationSummary;
  /** Data paths let through because their destination was declared (options `declaredDestinations`). Stable order. */
  readonly declaredDestinations?: DeclaredDestinationUse[];
}

export interface EvaluationSummary {
  readonly templates: number;
  readonly resources: number;
  readonly findings: number;
  readonly byCategory: Partial<Record<FindingCategory, number>>;
}

/** An engine bound to validated options; throws at construction on bad options, naming field and value. */
export class ResidencyEngine {
  readonly options: ResolvedResidencyOptions;
  constructor(options: ResidencyOptions = {}) {
    this.options = resolveResidencyOptions(options);
  }

  evaluate(
    templates: readonly TemplateUnderTest[],
    acknowledgements: readonly RecordedAcknowledgement[] = [],
  ): EvaluationResult {
    const raw: Finding[] = [];
    const declaredUses: DeclaredDestinationUse[] = [];
    // Where reports go: the evaluation's lists, or one variant's while a resource with conditions is judged.
    let findingsSink = raw;
    let declaredSink = declaredUses;
    const app = buildAppIndex(templates);
    let resources = 0;
    // One context object for the whole pass; `current` says what is being checked (no per-rule allocation).
    let current:
      | {
          rule: Pick<ResourceRule | StackRule, 'id' | 'category' | 'severity'>;
          scope: TemplateScope;
          logicalId: string;
          type: string;
          constructPath?: string;
        }
      | undefined;
    const ctx: RuleContext = {
      options: this.options,
      report: (f) => {
        const c = current!;
        findingsSink.push({
          ruleId: c.rule.id,
          category: c.rule.category,
          severity: c.rule.severity,
          stackName: c.scope.stackName,
          region: c.scope.region,
          templateFile: c.scope.tut.templateFile,
          logicalId: c.logicalId,
          resourceType: c.type,
          path: f.path,
          constructPath: c.constructPath,
          message: f.message,
        });
      },
      declared: (use) => {
        const c = current!;
        declaredSink.push({
          stackName: c.scope.stackName,
          logicalId: c.logicalId,
          resourceType: c.type,
          constructPath: c.constructPath,
          ...use,
        });
      },
    };
    const { valid, findings: exemptionProblems } = validateExemptions(
      this.options.exemptions,
      new Set(RULE_IDS),
      this.options.evaluationDate,
    );
    // Which valid exemptions name something that exists (by index); the others are findings.
    const named = new Set<number>();
    const markNamed = (logicalId: string, constructPath: string | undefined) => {
      for (const e of valid) if (exemptionNames(e.resource, logicalId, constructPath)) named.add(e.index);
    };
    // Every rule for the resource's type, on the resource as given (its properties, or one combination's).
    const judge = (judged: ResourceUnderTest) => {
      for (const rule of rulesFor(judged.type)) {
        current!.rule = rule;
        rule.check(judged, ctx);
      }
    };
    for (const scope of app.scopes) {
      const paths = constructPathLookup(scope.tut);
      const conditions = declaredConditions(scope);
      if (valid.length > 0) markNamed(scope.stackName, scope.tut.stackConstructPath);
      for (const rule of STACK_RULES) {
        current = {
          rule,
          scope,
          logicalId: scope.stackName,
          type: 'AWS::CloudFormation::Stack',
          constructPath: scope.tut.stackConstructPath,
        };
        rule.check(scope, ctx);
      }
      for (const logicalId of Object.keys(scope.resources)) {
        const json = scope.resources[logicalId];
        const type = json?.Type;
        if (typeof type !== 'string' || SKIPPED_TYPES.has(type)) continue;
        const constructPath = paths(logicalId, json);
        if (valid.length > 0) markNamed(logicalId, constructPath);
        // A resource whose own Condition is already false (IsUsEast1 in a ca-central-1 stack) is never deployed.
        if (isDeployed(json.Condition, scope) === false) continue;
        resources++;
        const resource = { logicalId, type, properties: json.Properties ?? {}, json, constructPath, scope };
        current = { rule: WILDCARD_RULES[0], scope, logicalId, type, constructPath };
        // Only a template that declares conditions can choose branches (most declare none: nothing to look for).
        const judgement =
          conditions.size === 0
            ? undefined
            : conditionVariants(json.Properties, conditions, (condition) =>
                // The resource exists only where its own Condition holds.
                condition === json.Condition ? true : decideCondition(condition, scope),
              );
        if (judgement === undefined || judgement.kind === 'too-many') {
          if (judgement !== undefined) {
            current.rule = CONDITIONS_RULE;
            ctx.report({ path: 'Properties', message: tooManyMessage(type, logicalId, judgement) });
          }
          judge(resource);
          continue;
        }
        // Each combination of the resource's conditions is judged on the properties it deploys.
        const { variants } = judgement;
        const found: Finding[][] = [];
        const declared: DeclaredDestinationUse[][] = [];
        for (const variant of variants) {
          findingsSink = [];
          declaredSink = [];
          judge({ ...resource, properties: variant.properties, json: { ...json, Properties: variant.properties } });
          found.push(findingsSink);
          declared.push(declaredSink);
        }
        findingsSink = raw;
        declaredSink = declaredUses;
        raw.push(...mergeVariantFindings(variants, found));
        declaredUses.push(...mergeVariantDeclarations(declared));
      }
    }
    const exempted: ExemptedFinding[] = [];
    const acknowledged: AcknowledgedFinding[] = [];
    const findings: Finding[] = [
      ...exemptionProblems,
      ...unmatchedExemptionFindings(valid, named),
      ...acknowledgementFindings(acknowledgements),
    ];
    for (const f of raw) {
      const e = valid.length > 0 ? valid.find((x) => exemptionCovers(x, f)) : undefined;
      if (e) {
        exempted.push({ finding: f, exemption: e });
        continue;
      }
      const a = acknowledgements.length > 0 ? acknowledgementFor(f, acknowledgements) : undefined;
      if (a) acknowledged.push({ finding: f, acknowledgement: a });
      else findings.push(f);
    }
    findings.sort(compareFindings);
    exempted.sort((x, y) => compareFindings(x.finding, y.finding));
    acknowledged.sort((x, y) => compareFindings(x.finding, y.finding));
    const byCategory: Partial<Record<FindingCategory, number>> = {};
    for (const f of findings) byCategory[f.category] = (byCategory[f.category] ?? 0) + 1;
    declaredUses.sort((x, y) => cmp(x.stackName, y.stackName) || cmp(x.logicalId, y.logicalId) || cmp(x.path, y.path));
    return {
      findings,
      exempted,
      acknowledged,
      summary: { templates: templates.length, resources, findings: findings.length, byCategory },
      declaredDestinations: declaredUses,
    };
  }
}

/**
 * Evaluate templates and return the findings that fail (not exempted, not acknowledged), in a stable order.
 * The pack and the CLI both call this (through `ResidencyEngine`), so they report the same findings.
 */
export function evaluateTemplates(
  templates: readonly TemplateUnderTest[],
  options: ResidencyOptions = {},
  acknowledgements: readonly RecordedAcknowledgement[] = [],
): Finding[] {
  return new ResidencyEngine(options).evaluate(templates, acknowledgements).findings;
}

/** Stable order: stack, logical id, path, rule, message. */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    cmp(a.stackName, b.stackName) ||
    cmp(a.logicalId, b.logicalId) ||
    cmp(a.path, b.path) ||
    cmp(a.ruleId, b.ruleId) ||
    cmp(a.message, b.message)
  );
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function constructPathLookup(tut: TemplateUnderTest): (logicalId: string, json: CfnResourceJson) => string | undefined {
  const cp = tut.constructPaths;
  const get: (id: string) => string | undefined =
    cp === undefined
      ? () => undefined
      : cp instanceof Map
        ? (id) => cp.get(id)
        : (id) => ownEntry(cp as Record<string, string>, id);
  return (logicalId, json) => {
    const fromLookup = get(logicalId);
    if (fromLookup !== undefined) return fromLookup;
    const meta = json.Metadata?.['aws:cdk:path'];
    if (typeof meta !== 'string') return undefined;
    // aws:cdk:path (written when path metadata is on, as in `cdk synth`) is the construct path.
    return meta;
  };
}

/** Build the per-template scopes and the app-wide lookups (exports, bucket names) in one pass each. */
export function buildAppIndex(templates: readonly TemplateUnderTest[]): AppIndex {
  const scopes: TemplateScope[] = [];
  const exportsMap = new Map<string, { scope: TemplateScope; value: unknown }>();
  const buckets = new Map<string, { stackName: string; region?: string; logicalId: string }[]>();
  const app: AppIndex = { scopes, exports: exportsMap, bucketsByName: buckets };
  for (const tut of templates) {
    const t = tut.template ?? {};
    scopes.push({
      tut,
      stackName: tut.stackName,
      region: tut.region,
      account: tut.account,
      resources: t.Resources ?? {},
      parameters: t.Parameters ?? {},
      mappings: t.Mappings ?? {},
      app,
    });
  }
  for (const scope of scopes) {
    for (const out of Object.values(scope.tut.template.Outputs ?? {})) {
      const name = literalOf(resolveString(out?.Export?.Name, scope));
      if (name !== undefined) exportsMap.set(name, { scope, value: out.Value });
    }
  }
  for (const scope of scopes) {
    for (const logicalId in scope.resources) {
      const r = scope.resources[logicalId];
      if (r?.Type !== 'AWS::S3::Bucket') continue;
      const name = literalOf(resolveString(r.Properties?.BucketName, scope));
      if (name === undefined || name === '') continue;
      const list = buckets.get(name) ?? [];
      list.push({ stackName: scope.stackName, region: scope.region, logicalId });
      buckets.set(name, list);
    }
  }
  return app;
}
