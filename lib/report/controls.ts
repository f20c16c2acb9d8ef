import { DATA_EXPOSURE_TYPES } from '../policy/data-exposure';
import { gcGuardrailReference } from '../policy/gc-guardrails';
import { isCanadianRegion } from '../policy/regions';
import { EvaluationResult } from '../rules';
import { literalOf, resolveString } from '../rules/resolve';
import { CfnResourceJson, TemplateScope } from '../rules/types';
import { ControlEntry, ControlStatus, DataStoreEntry } from './model';
import { referenceOf } from './references';
import { resourcesOfType } from '../rules/resources-of-type';

/** What the controls are judged from. */
export interface ControlFacts {
  readonly scopes: readonly TemplateScope[];
  readonly dataStores: readonly DataStoreEntry[];
  readonly result: EvaluationResult;
}

/** Every resource of a type across the app. */
function all(
  scopes: readonly TemplateScope[],
  type: string,
): { scope: TemplateScope; id: string; json: CfnResourceJson }[] {
  const out: { scope: TemplateScope; id: string; json: CfnResourceJson }[] = [];
  // The per-stack index by type, built once and shared with the rules: a report asks a dozen types.
  for (const scope of scopes)
    for (const id of resourcesOfType(scope, type)) out.push({ scope, id, json: scope.resources[id] });
  return out;
}

const on = (v: unknown, scope: TemplateScope) => literalOf(resolveString(v, scope)) === 'true';

/** `met` when n of n hold (and n > 0), `not-met` when none, `partial` otherwise. */
function share(ok: number, total: number): ControlStatus {
  if (total === 0) return 'not-applicable';
  return ok === total ? 'met' : ok === 0 ? 'not-met' : 'partial';
}

function names(stores: readonly DataStoreEntry[]): string {
  const list = stores.map((d) => `${d.stackName}/${d.logicalId}`);
  return list.length > 4 ? `${list.slice(0, 4).join(', ')} and ${list.length - 4} more` : list.join(', ');
}

/**
 * The controls summary: each status is computed from the templates and the evaluation (no control is
 * declared met), with the facts it rests on. References map each control to PIPEDA principle 4.7
 * (safeguards), ITSG-33 / CCCS Medium and HIPAA 164.312 (164.308(a)(7) for contingency).
 */
export function judgeControls(f: ControlFacts): ControlEntry[] {
  const stores = f.dataStores;
  const findings = f.result.findings;
  const out: ControlEntry[] = [];

  // Residency: every stack in a Canadian region and no residency finding left.
  const regions = f.scopes.map((s) => s.region);
  const foreign = f.scopes.filter((s) => !s.region || !isCanadianRegion(s.region));
  const residency = findings.filter((x) => x.category === 'residency' || x.category === 'region-availability');
  const exemptedResidency = f.result.exempted.filter((x) => x.finding.category === 'residency').length;
  out.push({
    id: 'residency',
    title: 'Data stored and processed in Canada',
    references: ['PIPEDA 4.7', gcGuardrailReference('dataLocation')],
    status: foreign.length > 0 || residency.length > 0 ? 'not-met' : exemptedResidency > 0 ? 'partial' : 'met',
    evidence: `stacks in ${[...new Set(regions.map((r) => r ?? 'an unresolved region'))].sort().join(', ')}; ${residency.length} residency finding(s), ${exemptedResidency} exempted`,
  });

  // The rule demands a customer-managed key wherever the service offers one; service-managed entries passed it
  // (no key option for what they hold, e.g. a Lambda function without environment variables) and are listed.
  const cmk = stores.filter((d) => d.atRest.status === 'customer-managed');
  const serviceOnly = stores.filter((d) => d.atRest.status === 'service-managed');
  const weak = stores.filter((d) => d.atRest.status === 'unencrypted' || d.atRest.status === 'not-proven');
  const atRestStatus: ControlStatus =
    stores.length === 0
      ? 'not-applicable'
      : weak.length === 0
        ? 'met'
        : weak.length === stores.length
          ? 'not-met'
          : 'partial';
  out.push({
    id: 'SC-28',
    title: 'Protection of information at rest',
    references: ['ITSG-33 SC-28', 'PIPEDA 4.7.3', 'HIPAA 164.312(a)(2)(iv)', gcGuardrailReference('dataAtRest')],
    status: atRestStatus,
    evidence:
      `${cmk.length} of ${stores.length} data store(s) encrypted with a customer-managed KMS key` +
      `${serviceOnly.length ? `; ${serviceOnly.length} encrypted by the service, which offers no customer key for what they hold (${names(serviceOnly)})` : ''}` +
      `${weak.length ? `; ${weak.length} unencrypted or not proven (${names(weak)})` : ''}`,
  });

  const keys = [...all(f.scopes, 'AWS::KMS::Key'), ...all(f.scopes, 'AWS::KMS::ReplicaKey')];
  const rotated = keys.filter((k) => on(k.json.Properties?.EnableKeyRotation, k.scope));
  const keyFindings = findings.filter((x) => x.category === 'key-management').length;
  const wrongRegionKeys = cmk.filter((d) => d.atRest.key?.region !== undefined && d.atRest.key.region !== d.region);
  out.push({
    id: 'SC-12',
    title: 'Cryptographic key establishment and management',
    references: ['ITSG-33 SC-12', 'PIPEDA 4.7.3'],
    status:
      keys.length === 0
        ? 'not-met'
        : keyFindings > 0 || wrongRegionKeys.length > 0
          ? 'not-met'
          : share(rotated.length, keys.length),
    evidence: `${keys.length} customer-managed key(s), ${rotated.length} with rotation on; ${keyFindings} key-management finding(s); every data store's key in its own region: ${wrongRegionKeys.length === 0 ? 'yes' : `no (${names(wrongRegionKeys)})`}`,
  });

  const transitControlled = stores.filter((d) => d.inTransit.status !== 'service-default');
  const transitOk = transitControlled.filter((d) => d.inTransit.status === 'enforced');
  const transitFindings = findings.filter((x) => x.category === 'encryption-in-transit').length;
  out.push({
    id: 'SC-8',
    title: 'Transmission confidentiality and integrity',
    references: [
      'ITSG-33 SC-8',
      'PIPEDA 4.7.3',
      'HIPAA 164.312(e)(1)',
      'HIPAA 164.312(e)(2)(ii)',
      gcGuardrailReference('dataInTransit'),
    ],
    status: transitFindings > 0 ? 'not-met' : share(transitOk.length, transitControlled.length),
    evidence: `${transitOk.length} of ${transitControlled.length} data store(s) with a resource-level TLS control enforce it; ${transitFindings} in-transit finding(s); the others are reached only through HTTPS API endpoints`,
  });

  const atRestFindings = findings.filter((x) => x.category === 'encryption-at-rest').length;
  out.push({
    id: 'SC-13',
    title: 'Cryptographic protection (AWS KMS, TLS 1.2+)',
    references: ['ITSG-33 SC-13', 'HIPAA 164.312(a)(2)(iv)'],
    status:
      atRestFindings + transitFindings > 0
        ? 'not-met'
        : atRestStatus === 'met' && share(transitOk.length, transitControlled.length) !== 'partial'
          ? 'met'
          : 'partial',
    evidence: `${atRestFindings} encryption-at-rest and ${transitFindings} in-transit finding(s); customer-managed KMS keys for ${cmk.length} of ${stores.length} data store(s); TLS enforced for ${transitOk.length} of ${transitControlled.length} with a resource-level control`,
  });

  // A copy in the other Canadian region is a backup copy there, a replica there, or (for a replication
  // destination) the source it is the replica of: either way the data outlives the loss of one region.
  const elsewhere = (d: DataStoreEntry, region: string | undefined) =>
    region !== undefined && region !== d.region && isCanadianRegion(region);
  const replicaOf = new Map<string, DataStoreEntry[]>();
  for (const d of stores) {
    for (const r of d.replication) {
      if (r.stackName && r.logicalId)
        replicaOf.set(`${r.stackName}/${r.logicalId}`, [...(replicaOf.get(`${r.stackName}/${r.logicalId}`) ?? []), d]);
    }
  }
  const hasRegionalCopy = (d: DataStoreEntry) =>
    d.backup.some((b) => b.copies.some((c) => elsewhere(d, c.region))) ||
    d.replication.some((r) => elsewhere(d, r.region)) ||
    (replicaOf.get(`${d.stackName}/${d.logicalId}`) ?? []).some((source) => elsewhere(d, source.region));
  const eligible = stores.filter((d) => d.backupEligible);
  const covered = eligible.filter(hasRegionalCopy);
  const uncovered = eligible.filter((d) => !covered.includes(d));
  out.push({
    id: 'CP-9',
    title: 'System backup, with a copy in the other Canadian region',
    references: ['ITSG-33 CP-9', 'HIPAA 164.308(a)(7)(ii)(A)', 'HIPAA 164.312(c)(1)'],
    status: share(covered.length, eligible.length),
    evidence: `${covered.length} of ${eligible.length} data store(s) that AWS Backup can protect have a copy in another Canadian region (backup copy, replica, or replica of a source there)${uncovered.length ? ` (not: ${names(uncovered)})` : ''}`,
  });

  // Payloads (patient data) kept out of logs and caches: every API stage, and every deployment that describes its
  // stage, as CaResidency-DataExposure judges them. A deployment without a stage description holds no settings.
  const apiStages = (Object.keys(DATA_EXPOSURE_TYPES) as (keyof typeof DATA_EXPOSURE_TYPES)[]).flatMap((type) =>
    all(f.scopes, type).filter(
      (r) => type !== 'AWS::ApiGateway::Deployment' || r.json.Properties?.StageDescription !== undefined,
    ),
  );
  const exposures = findings.filter((x) => x.category === 'data-exposure');
  const exposed = new Set(exposures.map((x) => `${x.stackName}/${x.logicalId}`));
  const exemptedExposures = f.result.exempted.filter((x) => x.finding.category === 'data-exposure').length;
  out.push({
    id: 'data-exposure',
    title: 'Patient data kept out of logs and caches (API data trace off, stage caches encrypted)',
    references: ['PIPEDA 4.5', 'PIPEDA 4.7', 'HIPAA 164.502(b)', 'HIPAA 164.312(a)(2)(iv)'],
    status:
      exposures.length > 0
        ? 'not-met'
        : apiStages.length === 0
          ? 'not-applicable'
          : exemptedExposures > 0
            ? 'partial'
            : 'met',
    evidence: `${apiStages.filter((r) => !exposed.has(`${r.scope.stackName}/${r.id}`)).length} of ${apiStages.length} API stage(s) with data trace off and no unencrypted cache; ${exposures.length} data-exposure finding(s), ${exemptedExposures} exempted`,
  });

  const restoreTests = all(f.scopes, 'AWS::Backup::RestoreTestingPlan');
  const vaults = all(f.scopes, 'AWS::Backup::BackupVault');
  const locked = vaults.filter((v) => v.json.Properties?.LockConfiguration !== undefined);
  const replicated = stores.filter((d) =>
    d.replication.some((r) => r.region !== undefined && r.region !== d.region && isCanadianRegion(r.region)),
  );
  const cp10ok = restoreTests.length > 0 && vaults.length > 0 && locked.length === vaults.length;
  out.push({
    id: 'CP-10',
    title: 'System recovery and reconstitution',
    references: ['ITSG-33 CP-10', 'HIPAA 164.308(a)(7)(ii)(B)'],
    status: cp10ok ? 'met' : restoreTests.length > 0 || locked.length > 0 ? 'partial' : 'not-met',
    evidence: `${restoreTests.length} restore testing plan(s); ${locked.length} of ${vaults.length} backup vault(s) locked; ${replicated.length} data store(s) replicated to the other Canadian region`,
  });

  const trails = all(f.scopes, 'AWS::CloudTrail::Trail');
  const liveTrails = trails.filter((t) => on(t.json.Properties?.IsLogging, t.scope));
  const multiRegion = liveTrails.filter((t) => on(t.json.Properties?.IsMultiRegionTrail, t.scope));
  out.push({
    id: 'AU-2',
    title: 'Event logging',
    references: ['ITSG-33 AU-2', 'HIPAA 164.312(b)'],
    status: multiRegion.length > 0 ? 'met' : liveTrails.length > 0 ? 'partial' : 'not-met',
    evidence: `${liveTrails.length} logging CloudTrail trail(s), ${multiRegion.length} multi-region`,
  });

  const filters = all(f.scopes, 'AWS::Logs::MetricFilter');
  const trailLogGroups = new Set<string>();
  for (const t of liveTrails) {
    const ref = referenceOf(t.json.Properties?.CloudWatchLogsLogGroupArn, t.scope);
    if (ref?.kind === 'resource') trailLogGroups.add(`${ref.stackName}/${ref.logicalId}`);
  }
  const trailFilters = filters.filter((m) => {
    const ref = referenceOf(m.json.Properties?.LogGroupName, m.scope);
    return ref?.kind === 'resource' && trailLogGroups.has(`${ref.stackName}/${ref.logicalId}`);
  });
  const alarms = all(f.scopes, 'AWS::CloudWatch::Alarm');
  const alarmsWithActions = alarms.filter(
    (a) => Array.isArray(a.json.Properties?.AlarmActions) && (a.json.Properties?.AlarmActions as unknown[]).length > 0,
  );
  out.push({
    id: 'AU-6',
    title: 'Audit record review, analysis and reporting',
    references: ['ITSG-33 AU-6', 'HIPAA 164.312(b)'],
    status:
      trailLogGroups.size > 0 && trailFilters.length > 0 && alarmsWithActions.length > 0
        ? 'met'
        : trailLogGroups.size > 0
          ? 'partial'
          : 'not-met',
    evidence: `${trailLogGroups.size} trail log group(s) in CloudWatch Logs with ${trailFilters.length} metric filter(s); ${alarmsWithActions.length} alarm(s) with notification actions`,
  });

  const validated = liveTrails.filter(
    (t) => on(t.json.Properties?.EnableLogFileValidation, t.scope) && t.json.Properties?.KMSKeyId !== undefined,
  );
  out.push({
    id: 'AU-9',
    title: 'Protection of audit information',
    references: ['ITSG-33 AU-9', 'HIPAA 164.312(c)(1)'],
    status:
      share(validated.length, liveTrails.length) === 'not-applicable'
        ? 'not-met'
        : share(validated.length, liveTrails.length),
    evidence: `${validated.length} of ${liveTrails.length} logging trail(s) with log file validation and a KMS key`,
  });

  const vpcs = all(f.scopes, 'AWS::EC2::VPC');
  const flowLogged = new Set<string>();
  for (const fl of all(f.scopes, 'AWS::EC2::FlowLog')) {
    const ref = referenceOf(fl.json.Properties?.ResourceId, fl.scope);
    if (ref?.kind === 'resource') flowLogged.add(`${ref.stackName}/${ref.logicalId}`);
  }
  const vpcsLogged = vpcs.filter((v) => flowLogged.has(`${v.scope.stackName}/${v.id}`));
  const vpcOk = vpcsLogged.length === vpcs.length;
  out.push({
    id: 'SI-4',
    title: 'System monitoring',
    references: ['ITSG-33 SI-4', 'HIPAA 164.312(b)'],
    status: alarmsWithActions.length === 0 ? 'not-met' : vpcOk ? 'met' : 'partial',
    evidence: `${alarmsWithActions.length} of ${alarms.length} alarm(s) notify a topic; ${vpcsLogged.length} of ${vpcs.length} VPC(s) with flow logs`,
  });

  // PIPEDA 4.7 as a whole: the safeguards above that protect personal information held.
  const safeguards = out.filter((c) => ['residency', 'SC-28', 'SC-8', 'SC-12', 'data-exposure', 'CP-9'].includes(c.id));
  const worst = safeguards.some((c) => c.status === 'not-met')
    ? 'not-met'
    : safeguards.every((c) => c.status === 'met' || c.status === 'not-applicable')
      ? 'met'
      : 'partial';
  out.push({
    id: 'PIPEDA-4.7',
    title: 'Safeguards appropriate to the sensitivity of the information',
    references: ['PIPEDA 4.7'],
    status: worst,
    evidence: `from ${safeguards.map((c) => `${c.id} ${c.status}`).join(', ')}`,
  });
  return out;
}
