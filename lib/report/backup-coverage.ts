import { getPath } from '../rules/encryption-helpers';
import { literalOf, resolveString } from '../rules/resolve';
import { AppIndex, CfnResourceJson, TemplateScope } from '../rules/types';
import { BackupCoverage, CopyTarget } from './model';
import { compareText, referenceOf, regionOfArn, tagsOf } from './references';

/** Types AWS Backup can protect; a selection matching anything else protects nothing. */
export const BACKUP_ELIGIBLE_TYPES: ReadonlySet<string> = new Set([
  'AWS::S3::Bucket',
  'AWS::DynamoDB::Table',
  'AWS::DynamoDB::GlobalTable',
  'AWS::EFS::FileSystem',
  'AWS::RDS::DBInstance',
  'AWS::RDS::DBCluster',
  'AWS::DocDB::DBCluster',
  'AWS::Neptune::DBCluster',
  'AWS::EC2::Instance',
  'AWS::EC2::Volume',
  'AWS::FSx::FileSystem',
  'AWS::Redshift::Cluster',
  'AWS::Timestream::Table',
]);

interface PlanRule {
  readonly rule: string;
  readonly vault: string;
  readonly copies: readonly CopyTarget[];
}

/** One backup selection of the app, reduced to what matching needs. */
interface Selection {
  readonly scope: TemplateScope;
  readonly name: string;
  readonly planLogicalId: string;
  readonly plan: string;
  readonly rules: readonly PlanRule[];
  /** `ListOfTags` STRINGEQUALS pairs (any one selects). */
  readonly anyTags: readonly (readonly [string, string])[];
  /** `Conditions.StringEquals` pairs (all must hold). */
  readonly allTags: readonly (readonly [string, string])[];
  /** `stack/logicalId` of resources named by reference. */
  readonly resourceIds: ReadonlySet<string>;
  /** Literal ARNs of `Resources` (`*` selects every supported resource). */
  readonly arns: readonly string[];
  readonly notResourceIds: ReadonlySet<string>;
}

/**
 * Which backup plan rules protect a data store. A selection works in its plan's region and account only; it
 * picks a resource when a `ListOfTags` condition matches the resource's `Tags`, or `Resources` names it
 * (`Fn::GetAtt`/`Ref`, its ARN, or `*`), and every `Conditions.StringEquals` holds, unless `NotResources` names it.
 */
export class BackupCoverageIndex {
  private readonly selections: Selection[] = [];

  constructor(app: AppIndex) {
    for (const scope of app.scopes) {
      for (const [id, r] of Object.entries(scope.resources).sort(([a], [b]) => compareText(a, b))) {
        if (r?.Type === 'AWS::Backup::BackupSelection') {
          const s = readSelection(id, r, scope);
          if (s) this.selections.push(s);
        }
      }
    }
  }

  /** Coverage of one resource, sorted by stack, plan and rule. */
  coverageOf(logicalId: string, json: CfnResourceJson, scope: TemplateScope): BackupCoverage[] {
    if (!BACKUP_ELIGIBLE_TYPES.has(json.Type)) return [];
    // AWS Backup protects Aurora at the cluster level: an instance of a cluster is covered by its cluster's plans.
    const cluster =
      json.Type === 'AWS::RDS::DBInstance' ? referenceOf(json.Properties?.DBClusterIdentifier, scope) : undefined;
    if (cluster?.kind === 'resource') {
      const target = scope.app.scopes.find((s) => s.stackName === cluster.stackName);
      const clusterJson = target?.resources[cluster.logicalId];
      if (target && clusterJson?.Type === 'AWS::RDS::DBCluster')
        return this.coverageOf(cluster.logicalId, clusterJson, target);
    }
    const id = `${scope.stackName}/${logicalId}`;
    const tags = tagsOf(json.Properties ?? {}, scope);
    const arn = arnOf(json, scope);
    const out: BackupCoverage[] = [];
    for (const s of this.selections) {
      if (s.scope.region !== scope.region || s.scope.account !== scope.account) continue;
      if (s.notResourceIds.has(id)) continue;
      if (!s.allTags.every(([k, v]) => tags.get(k) === v)) continue;
      const how: string[] = [];
      if (s.resourceIds.has(id) || (arn !== undefined && s.arns.includes(arn))) how.push('resource ARN');
      else if (s.arns.includes('*')) how.push('all resources (*)');
      for (const [k, v] of s.anyTags) if (tags.get(k) === v) how.push(`tag ${k}=${v}`);
      if (how.length === 0) continue;
      for (const rule of s.rules) {
        out.push({
          stackName: s.scope.stackName,
          plan: s.plan,
          planLogicalId: s.planLogicalId,
          rule: rule.rule,
          selectedBy: how.join(' + '),
          selection: s.name,
          vault: rule.vault,
          region: s.scope.region,
          copies: rule.copies,
        });
      }
    }
    return out.sort((a, b) =>
      compareText(
        `${a.stackName}/${a.plan}/${a.rule}/${a.selection}`,
        `${b.stackName}/${b.plan}/${b.rule}/${b.selection}`,
      ),
    );
  }
}

function readSelection(logicalId: string, r: CfnResourceJson, scope: TemplateScope): Selection | undefined {
  const planRef = referenceOf(r.Properties?.BackupPlanId, scope);
  const planId = planRef?.kind === 'resource' && planRef.stackName === scope.stackName ? planRef.logicalId : undefined;
  const planJson = planId ? scope.resources[planId] : undefined;
  const sel = (r.Properties?.BackupSelection ?? {}) as Record<string, unknown>;
  const ids = (v: unknown): { ids: Set<string>; arns: string[] } => {
    const out = { ids: new Set<string>(), arns: [] as string[] };
    for (const item of Array.isArray(v) ? v : []) {
      const ref = referenceOf(item, scope);
      if (ref?.kind === 'resource') out.ids.add(`${ref.stackName}/${ref.logicalId}`);
      else if (ref?.kind === 'literal') out.arns.push(ref.text);
    }
    return out;
  };
  const resources = ids(sel.Resources);
  const anyTags: [string, string][] = [];
  for (const t of Array.isArray(sel.ListOfTags) ? sel.ListOfTags : []) {
    const type = literalOf(resolveString((t as Record<string, unknown>)?.ConditionType, scope));
    const k = literalOf(resolveString((t as Record<string, unknown>)?.ConditionKey, scope));
    const v = literalOf(resolveString((t as Record<string, unknown>)?.ConditionValue, scope));
    if (type === 'STRINGEQUALS' && k !== undefined && v !== undefined) anyTags.push([k, v]);
  }
  const allTags: [string, string][] = [];
  const eq = getPath(sel, 'Conditions.StringEquals');
  for (const c of Array.isArray(eq) ? eq : []) {
    const k = literalOf(resolveString((c as Record<string, unknown>)?.ConditionKey, scope))?.replace(
      /^aws:ResourceTag\//,
      '',
    );
    const v = literalOf(resolveString((c as Record<string, unknown>)?.ConditionValue, scope));
    if (k !== undefined && v !== undefined) allTags.push([k, v]);
  }
  const planName =
    literalOf(resolveString(getPath(planJson?.Properties, 'BackupPlan.BackupPlanName'), scope)) ??
    planId ??
    'an unresolved plan';
  const rules: PlanRule[] = [];
  const planRules = getPath(planJson?.Properties, 'BackupPlan.BackupPlanRule');
  for (const pr of Array.isArray(planRules) ? planRules : []) {
    const rule = pr as Record<string, unknown>;
    const copies: CopyTarget[] = [];
    for (const c of Array.isArray(rule.CopyActions) ? rule.CopyActions : [])
      copies.push(copyTarget((c as Record<string, unknown>)?.DestinationBackupVaultArn, scope));
    rules.push({
      rule: literalOf(resolveString(rule.RuleName, scope)) ?? '(unnamed rule)',
      vault: vaultName(rule.TargetBackupVault, scope),
      copies: copies.sort((a, b) => compareText(a.vault, b.vault)),
    });
  }
  return {
    scope,
    name: literalOf(resolveString(sel.SelectionName, scope)) ?? logicalId,
    planLogicalId: planId ?? '?',
    plan: planName,
    rules,
    anyTags,
    allTags,
    resourceIds: resources.ids,
    arns: resources.arns,
    notResourceIds: ids(sel.NotResources).ids,
  };
}

function copyTarget(value: unknown, scope: TemplateScope): CopyTarget {
  const ref = referenceOf(value, scope);
  if (!ref) return { vault: JSON.stringify(value) };
  if (ref.kind === 'literal') return { vault: ref.text, region: regionOfArn(ref.text) };
  if (ref.kind === 'resource') return { vault: `${ref.stackName}/${ref.logicalId}`, region: ref.region };
  return { vault: ref.text, region: ref.region };
}

function vaultName(value: unknown, scope: TemplateScope): string {
  const ref = referenceOf(value, scope);
  if (!ref) return '?';
  if (ref.kind === 'resource') {
    const vault = scope.app.scopes.find((s) => s.stackName === ref.stackName)?.resources[ref.logicalId];
    return literalOf(resolveString(vault?.Properties?.BackupVaultName, scope)) ?? ref.logicalId;
  }
  return ref.text;
}

/** The ARN a backup selection would name the resource by, when it can be known at synth time. */
function arnOf(json: CfnResourceJson, scope: TemplateScope): string | undefined {
  if (json.Type === 'AWS::S3::Bucket') {
    const name = literalOf(resolveString(json.Properties?.BucketName, scope));
    return name ? `arn:aws:s3:::${name}` : undefined;
  }
  if (json.Type === 'AWS::DynamoDB::Table' || json.Type === 'AWS::DynamoDB::GlobalTable') {
    const name = literalOf(resolveString(json.Properties?.TableName, scope));
    return name && scope.region && scope.account
      ? `arn:aws:dynamodb:${scope.region}:${scope.account}:table/${name}`
      : undefined;
  }
  return undefined;
}
