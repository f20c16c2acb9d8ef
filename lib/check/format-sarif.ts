import { EvaluationResult, Finding } from '../rules';
import { ruleCatalogue } from './rule-catalogue';

/** The SARIF 2.1.0 schema URI written into `$schema`. */
export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

const LEVEL: Record<Finding['severity'], 'error' | 'warning'> = { fatal: 'error', error: 'error', warning: 'warning' };

function uri(file: string): string {
  return file.split('\\').join('/');
}

function location(f: Finding): object {
  return {
    ...(f.templateFile ? { physicalLocation: { artifactLocation: { uri: uri(f.templateFile) } } } : {}),
    logicalLocations: [
      { name: f.logicalId, fullyQualifiedName: `${f.stackName}/${f.logicalId}/${f.path}`, kind: 'resource' },
    ],
  };
}

/**
 * `--format sarif`: SARIF 2.1.0 for code-scanning upload. One run; `tool.driver.rules` lists every rule; each
 * finding is a result pointing at its template file (physical location) and its resource (logical location).
 * Exempted findings are included as results with an external suppression carrying the exemption's reason.
 */
export function formatSarif(result: EvaluationResult, toolVersion: string): string {
  const rules = ruleCatalogue([...result.findings, ...result.exempted.map((x) => x.finding)].map((f) => f.ruleId));
  const index = new Map(rules.map((r, i) => [r.id, i]));
  const toResult = (f: Finding, extra: object = {}) => ({
    ruleId: f.ruleId,
    ruleIndex: index.get(f.ruleId),
    level: LEVEL[f.severity],
    message: { text: f.message },
    locations: [location(f)],
    properties: {
      category: f.category,
      severity: f.severity,
      stack: f.stackName,
      region: f.region ?? null,
      resourceType: f.resourceType,
      path: f.path,
    },
    ...extra,
  });
  const doc = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'ca-residency',
            version: toolVersion,
            rules: rules.map((r) => ({
              id: r.id,
              name: r.id.replace(/^CaResidency-/, ''),
              shortDescription: { text: r.summary },
            })),
          },
        },
        columnKind: 'utf16CodeUnits',
        results: [
          ...result.findings.map((f) => toResult(f)),
          ...result.exempted.map(({ finding, exemption }) =>
            toResult(finding, {
              suppressions: [
                { kind: 'external', justification: `Exempted until ${exemption.expires}: ${exemption.reason}` },
              ],
            }),
          ),
        ],
      },
    ],
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}
