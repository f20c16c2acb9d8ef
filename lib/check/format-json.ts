import { EvaluationResult, Finding } from '../rules';

/** One finding in the CLI's JSON output. Keys in this order, always present (`region`/`template` null when unknown). */
export interface JsonFinding {
  readonly ruleId: string;
  readonly category: string;
  readonly severity: string;
  readonly stack: string;
  readonly template: string | null;
  readonly region: string | null;
  readonly logicalId: string;
  readonly resourceType: string;
  readonly path: string;
  readonly message: string;
}

export function toJsonFinding(f: Finding): JsonFinding {
  return {
    ruleId: f.ruleId,
    category: f.category,
    severity: f.severity,
    stack: f.stackName,
    template: f.templateFile ?? null,
    region: f.region ?? null,
    logicalId: f.logicalId,
    resourceType: f.resourceType,
    path: f.path,
    message: f.message,
  };
}

/** `--format json`: `{ findings: [...], summary: { resources, templates, findings, byCategory } }`, stable order. */
export function formatJson(result: EvaluationResult): string {
  const byCategory: Record<string, number> = {};
  for (const k of Object.keys(result.summary.byCategory).sort())
    byCategory[k] = result.summary.byCategory[k as keyof typeof result.summary.byCategory]!;
  const doc = {
    findings: result.findings.map(toJsonFinding),
    summary: {
      resources: result.summary.resources,
      templates: result.summary.templates,
      findings: result.summary.findings,
      byCategory,
    },
    // Data paths let through by a declaration: listed with the declaration, so a reviewer sees every one.
    ...((result.declaredDestinations ?? []).length > 0
      ? {
          declaredDestinations: result.declaredDestinations!.map((d) => ({
            stack: d.stackName,
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
  return `${JSON.stringify(doc, null, 2)}\n`;
}
