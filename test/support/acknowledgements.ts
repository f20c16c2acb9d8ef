import { PolicyValidationPluginReport, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks, HIPAASecurityChecks, NagPack } from 'cdk-nag';
import { IConstruct } from 'constructs';

export interface RecordedAcknowledgement {
  readonly path: string;
  readonly id: string;
  readonly reason: string;
}

/** Every acknowledgement recorded with `Validations.of(x).acknowledge()` in a construct tree. */
export function recordedAcknowledgements(root: IConstruct): RecordedAcknowledgement[] {
  const found: RecordedAcknowledgement[] = [];
  const visit = (node: IConstruct) => {
    for (const entry of node.node.metadata) {
      if (entry.type !== Validations.ACKNOWLEDGED_RULES_METADATA_KEY) continue;
      for (const [id, reason] of Object.entries(entry.data as Record<string, string>))
        found.push({ path: node.node.path, id, reason });
    }
    node.node.children.forEach(visit);
  };
  visit(root);
  return found;
}

/**
 * The violations CDK core would still report after applying namespaced acknowledgements
 * (`Pack::Rule` on the resource or one of its ancestors), as `cdk synth` does.
 */
export function unacknowledgedViolations(
  pluginName: string,
  report: PolicyValidationPluginReport,
  root: IConstruct,
): string[] {
  const acknowledged = recordedAcknowledgements(root);
  const remaining: string[] = [];
  for (const violation of report.violations) {
    const id = `${pluginName}::${violation.ruleName}`;
    for (const resource of violation.violatingResources) {
      const path = resource.constructPath ?? resource.resourceLogicalId ?? '';
      const covered = acknowledged.some((a) => a.id === id && (path === a.path || path.startsWith(`${a.path}/`)));
      if (!covered) remaining.push(`${violation.ruleName} at ${path}`);
    }
  }
  return remaining;
}

/** cdk-nag's packs the reference app registers besides CaResidency, for tests that assert they pass. */
export const CDK_NAG_PACKS: [string, () => NagPack][] = [
  ['AwsSolutions', () => new AwsSolutionsChecks()],
  ['HIPAA.Security', () => new HIPAASecurityChecks()],
];

/** What each cdk-nag pack would still report on `app` after CDK applies the namespaced acknowledgements. */
export function remainingNagFindings(makePack: () => NagPack, app: IConstruct): string[] {
  const pack = makePack();
  return unacknowledgedViolations(pack.name, pack.validateScope(app), app);
}
