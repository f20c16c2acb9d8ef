import { Exemption } from '../policy/options';
import { EvaluationResult, RULE_IDS, validateExemptions } from '../rules';
import { AcknowledgementEntry, ExemptionEntry, EXPIRY_WARNING_DAYS } from './model';
import { compareText } from './references';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The valid exemptions with the findings each let through and the days left before it lapses. Invalid or
 * expired exemptions are not here: the engine turns them into fatal findings, listed with the findings.
 */
export function exemptionEntries(
  exemptions: readonly Exemption[],
  result: EvaluationResult,
  evaluationDate: Date,
): ExemptionEntry[] {
  const { valid } = validateExemptions(exemptions, new Set(RULE_IDS), evaluationDate);
  const today = Date.parse(`${evaluationDate.toISOString().slice(0, 10)}T00:00:00Z`);
  return valid
    .map((e) => {
      const daysLeft = Math.round((Date.parse(`${e.expires}T00:00:00Z`) - today) / DAY_MS);
      const covers = result.exempted
        .filter((x) => x.exemption.index === e.index)
        .map((x) => `${x.finding.stackName}/${x.finding.logicalId}`);
      return {
        ruleId: e.ruleId,
        resource: e.resource,
        reason: e.reason,
        expires: e.expires,
        daysLeft,
        expiringSoon: daysLeft <= EXPIRY_WARNING_DAYS,
        covers: [...new Set(covers)].sort(compareText),
      };
    })
    .sort((a, b) =>
      compareText(
        `${a.expires}\u0000${a.ruleId}\u0000${a.resource}`,
        `${b.expires}\u0000${b.ruleId}\u0000${b.resource}`,
      ),
    );
}

/** A suppressed violation as cdk-nag packs leave it in `validation-report.json` (only the fields used). */
export interface RecordedNagAcknowledgement {
  readonly pluginName: string;
  readonly ruleName: string;
  readonly reason: string;
  readonly acknowledgedAt: string;
  readonly constructPaths: readonly string[];
}

/** CaResidency acknowledgements (from the evaluation) and other packs' (from the validation report), one entry per rule, scope and reason. */
export function acknowledgementEntries(
  result: EvaluationResult,
  others: readonly RecordedNagAcknowledgement[],
): AcknowledgementEntry[] {
  const groups = new Map<
    string,
    { pack: string; ruleId: string; acknowledgedAt: string; reason: string; resources: Set<string> }
  >();
  const add = (pack: string, ruleId: string, acknowledgedAt: string, reason: string, resource: string) => {
    const key = [pack, ruleId, acknowledgedAt, reason].join('\u0000');
    const g = groups.get(key) ?? { pack, ruleId, acknowledgedAt, reason, resources: new Set<string>() };
    g.resources.add(resource);
    groups.set(key, g);
  };
  for (const { finding: f, acknowledgement: a } of result.acknowledged) {
    add('CaResidency', f.ruleId, a.constructPath, a.reason, f.constructPath ?? `${f.stackName}/${f.logicalId}`);
  }
  for (const o of others) {
    if (o.pluginName === 'CaResidency') continue; // already counted from the evaluation
    for (const p of o.constructPaths.length > 0 ? o.constructPaths : [o.acknowledgedAt])
      add(o.pluginName, o.ruleName, o.acknowledgedAt, o.reason, p);
  }
  return [...groups.values()]
    .map((g) => ({
      pack: g.pack,
      ruleId: g.ruleId,
      acknowledgedAt: g.acknowledgedAt,
      resources: [...g.resources].sort(compareText),
      reason: g.reason,
    }))
    .sort((a, b) =>
      compareText(
        [a.pack, a.ruleId, a.acknowledgedAt, a.reason].join('\u0000'),
        [b.pack, b.ruleId, b.acknowledgedAt, b.reason].join('\u0000'),
      ),
    );
}
