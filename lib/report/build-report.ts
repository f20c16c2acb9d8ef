import { Exemption } from '../policy/options';
import { buildAppIndex, EvaluationResult, Finding, TemplateUnderTest } from '../rules';
import { atRestFacts, FindingNote, isDataStore } from './at-rest';
import { BACKUP_ELIGIBLE_TYPES, BackupCoverageIndex } from './backup-coverage';
import { judgeControls } from './controls';
import { acknowledgementEntries, exemptionEntries, RecordedNagAcknowledgement } from './exceptions';
import { dataFlows } from './flows';
import { inTransitFacts } from './in-transit';
import { DataStoreEntry, ReportFinding, ResidencyReport, StackEntry } from './model';
import { compareText } from './references';
import { replicationTargets } from './replication';

/** What the report is built from besides the templates. */
export interface ReportInputs {
  /** The evaluation `runCheck` produced for the same templates. */
  readonly result: EvaluationResult;
  /** The day the evaluation judged exemptions against. */
  readonly evaluationDate: Date;
  /** Every exemption the evaluation applied (recorded ones, then any given on the command line). */
  readonly exemptions: readonly Exemption[];
  /** Acknowledgements of other cdk-nag packs, from `validation-report.json`. */
  readonly nagAcknowledgements?: readonly RecordedNagAcknowledgement[];
}

/** Build the report model. Pure: the same templates and inputs give the same report. */
export function buildReport(templates: readonly TemplateUnderTest[], inputs: ReportInputs): ResidencyReport {
  const { result } = inputs;
  const app = buildAppIndex(templates);
  const backups = new BackupCoverageIndex(app);
  const findingsOn = new Map<string, { finding: Finding; state: FindingNote['state'] }[]>();
  const note = (finding: Finding, state: FindingNote['state']) => {
    const key = `${finding.stackName}/${finding.logicalId}`;
    findingsOn.set(key, [...(findingsOn.get(key) ?? []), { finding, state }]);
  };
  result.findings.forEach((f) => note(f, 'open'));
  result.exempted.forEach((x) => note(x.finding, 'exempted'));
  result.acknowledged.forEach((x) => note(x.finding, 'acknowledged'));
  const first = (
    list: { finding: Finding; state: FindingNote['state'] }[],
    category: string,
  ): FindingNote | undefined => {
    const hit = list.find((x) => x.finding.category === category);
    return hit ? { path: hit.finding.path, state: hit.state } : undefined;
  };
  const failing = new Map<string, number>();
  for (const f of result.findings)
    failing.set(`${f.stackName}/${f.logicalId}`, (failing.get(`${f.stackName}/${f.logicalId}`) ?? 0) + 1);

  const dataStores: DataStoreEntry[] = [];
  const stacks: StackEntry[] = [];
  for (const scope of app.scopes) {
    // No prototype: a type named `constructor` or `__proto__` (a hostile template) is counted like any other.
    const types: Record<string, number> = Object.create(null) as Record<string, number>;
    let resources = 0;
    let stores = 0;
    for (const [logicalId, json] of Object.entries(scope.resources)) {
      if (typeof json?.Type !== 'string' || json.Type === 'AWS::CDK::Metadata') continue;
      resources++;
      types[json.Type] = (types[json.Type] ?? 0) + 1;
      if (!isDataStore(json.Type)) continue;
      stores++;
      const on = findingsOn.get(`${scope.stackName}/${logicalId}`) ?? [];
      const path = json.Metadata?.['aws:cdk:path'];
      dataStores.push({
        stackName: scope.stackName,
        region: scope.region,
        logicalId,
        type: json.Type,
        ...(typeof path === 'string' ? { constructPath: path } : {}),
        atRest: atRestFacts(json, scope, first(on, 'encryption-at-rest')),
        inTransit: inTransitFacts(logicalId, json, scope, first(on, 'encryption-in-transit')),
        replication: replicationTargets(json, scope),
        backupEligible: BACKUP_ELIGIBLE_TYPES.has(json.Type),
        backup: backups.coverageOf(logicalId, json, scope),
        findings: failing.get(`${scope.stackName}/${logicalId}`) ?? 0,
      });
    }
    stacks.push({
      stackName: scope.stackName,
      region: scope.region,
      account: scope.account,
      templateFile: scope.tut.templateFile,
      resources,
      dataStores: stores,
      findings: result.findings.filter((f) => f.stackName === scope.stackName).length,
      resourceTypes: Object.fromEntries(Object.entries(types).sort(([a], [b]) => compareText(a, b))),
    });
  }
  stacks.sort((a, b) => compareText(a.stackName, b.stackName));
  dataStores.sort((a, b) => compareText(`${a.stackName}\u0000${a.logicalId}`, `${b.stackName}\u0000${b.logicalId}`));

  // Findings keep the engine's stable order; the report drops only what would differ between machines.
  const findings: ReportFinding[] = result.findings.map((f) => ({
    ruleId: f.ruleId,
    severity: f.severity,
    category: f.category,
    stackName: f.stackName,
    ...(f.region ? { region: f.region } : {}),
    logicalId: f.logicalId,
    resourceType: f.resourceType,
    path: f.path,
    message: f.message,
  }));
  const exemptions = exemptionEntries(inputs.exemptions, result, inputs.evaluationDate);
  const acknowledgements = acknowledgementEntries(result, inputs.nagAcknowledgements ?? []);
  return {
    schemaVersion: 1,
    evaluationDate: inputs.evaluationDate.toISOString().slice(0, 10),
    summary: {
      stacks: stacks.length,
      resources: stacks.reduce((n, s) => n + s.resources, 0),
      dataStores: dataStores.length,
      findings: findings.length,
      failing: findings.some((f) => f.severity === 'error' || f.severity === 'fatal'),
      exempted: result.exempted.length,
      acknowledged: acknowledgements.reduce((n, a) => n + a.resources.length, 0),
      exemptionsExpiringSoon: exemptions.filter((e) => e.expiringSoon).length,
    },
    stacks,
    dataStores,
    findings,
    exemptions,
    acknowledgements,
    controls: judgeControls({ scopes: app.scopes, dataStores, result }),
    flows: dataFlows(app.scopes, dataStores),
    ...((result.declaredDestinations ?? []).length > 0
      ? {
          declaredDestinations: result.declaredDestinations!.map((d) => ({
            stackName: d.stackName,
            logicalId: d.logicalId,
            resourceType: d.resourceType,
            path: d.path,
            destination: d.declaration.destination,
            region: d.declaration.region,
            reason: d.declaration.reason,
          })),
        }
      : {}),
  };
}
