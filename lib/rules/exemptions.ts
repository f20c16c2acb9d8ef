import { Exemption } from '../policy/options';
import { Finding, RecordedAcknowledgement } from './types';

export const EXEMPTION_RULE_ID = 'CaResidency-ExemptionInvalid';
export const ACKNOWLEDGEMENT_RULE_ID = 'CaResidency-AcknowledgementReason';
/** Minimum length of an exemption or acknowledgement reason. */
export const MIN_REASON_LENGTH = 20;
/** Namespace CDK core gives this plugin's rules in acknowledgement ids (`CaResidency::CaResidency-X`). */
export const PLUGIN_NAMESPACE = 'CaResidency';

/** An exemption that passed validation, with its index in the options. */
export interface ValidExemption extends Exemption {
  readonly index: number;
}

/** A finding let through by an exemption. */
export interface ExemptedFinding {
  readonly finding: Finding;
  readonly exemption: ValidExemption;
}

/** A finding acknowledged with the namespaced id; CDK core removes it from the pack's failures. */
export interface AcknowledgedFinding {
  readonly finding: Finding;
  readonly acknowledgement: RecordedAcknowledgement;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * Split exemptions into valid ones and findings for the malformed or expired ones.
 * `expires` is the last day (UTC) on which the exemption applies.
 */
export function validateExemptions(
  exemptions: readonly Exemption[],
  knownRuleIds: ReadonlySet<string>,
  evaluationDate: Date,
): { valid: ValidExemption[]; findings: Finding[] } {
  const valid: ValidExemption[] = [];
  const findings: Finding[] = [];
  const today = evaluationDate.toISOString().slice(0, 10);
  exemptions.forEach((e, index) => {
    const problems: string[] = [];
    const ruleId = typeof e?.ruleId === 'string' ? e.ruleId : '';
    const resource = typeof e?.resource === 'string' ? e.resource : '';
    const reason = typeof e?.reason === 'string' ? e.reason.trim() : '';
    const expires = typeof e?.expires === 'string' ? e.expires : '';
    if (!knownRuleIds.has(ruleId)) problems.push(`ruleId ${JSON.stringify(e?.ruleId)} is not a CaResidency rule`);
    if (resource === '')
      problems.push(`resource ${JSON.stringify(e?.resource)} must be a construct path or logical id`);
    if (reason.length < MIN_REASON_LENGTH)
      problems.push(`reason ${JSON.stringify(e?.reason)} is shorter than ${MIN_REASON_LENGTH} characters`);
    const m = ISO_DATE.exec(expires);
    const parsed = m ? new Date(`${expires}T00:00:00Z`) : undefined;
    if (!m || !parsed || Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== expires) {
      problems.push(`expires ${JSON.stringify(e?.expires)} is not an ISO date (YYYY-MM-DD)`);
    } else if (expires < today) {
      problems.push(`expired on ${expires} (today is ${today})`);
    }
    if (problems.length === 0) {
      valid.push({ ruleId, resource, reason, expires, index });
      return;
    }
    findings.push({
      ruleId: EXEMPTION_RULE_ID,
      category: 'residency',
      severity: 'fatal',
      stackName: '',
      logicalId: resource || `exemptions[${index}]`,
      resourceType: 'CaResidency::Exemption',
      path: `exemptions[${index}]`,
      constructPath: resource.includes('/') ? resource : undefined,
      message: `Exemption ${index} (${ruleId || '?'} on ${resource || '?'}) is not applied: ${problems.join('; ')}. Fix or remove it; renewing an expired exemption needs a new review.`,
    });
  });
  return { valid, findings };
}

/** Does an exemption's `resource` name this resource or stack: its logical id, its construct path or an ancestor path? */
export function exemptionNames(resource: string, logicalId: string, constructPath: string | undefined): boolean {
  if (resource === logicalId) return true;
  return constructPath !== undefined && (constructPath === resource || constructPath.startsWith(`${resource}/`));
}

/** Does the exemption cover the finding? Same rule, and the exemption names the finding's resource. */
export function exemptionCovers(e: ValidExemption, f: Finding): boolean {
  return e.ruleId === f.ruleId && exemptionNames(e.resource, f.logicalId, f.constructPath);
}

/**
 * Findings for valid exemptions whose resource exists in none of the templates judged: a typo, or a resource since
 * removed. Either way the exemption protects nothing while a reviewer believes it does.
 */
export function unmatchedExemptionFindings(valid: readonly ValidExemption[], named: ReadonlySet<number>): Finding[] {
  return valid
    .filter((e) => !named.has(e.index))
    .map((e) => ({
      ruleId: EXEMPTION_RULE_ID,
      category: 'residency' as const,
      severity: 'fatal' as const,
      stackName: '',
      logicalId: e.resource,
      resourceType: 'CaResidency::Exemption',
      path: `exemptions[${e.index}]`,
      constructPath: e.resource.includes('/') ? e.resource : undefined,
      message: `Exemption ${e.index} (${e.ruleId} on ${e.resource}) names no resource or stack of the templates checked (no logical id, construct path or parent path matches). Correct the resource or remove the exemption.`,
    }));
}

/** Split an acknowledgement id into namespace and rule id (`CaResidency::CaResidency-X`). */
export function parseAcknowledgementId(id: string): { namespace?: string; ruleId: string } {
  const i = id.indexOf('::');
  return i < 0 ? { ruleId: id } : { namespace: id.slice(0, i), ruleId: id.slice(i + 2) };
}

/** Findings for acknowledgements of CaResidency rules whose reason is too short (either id form). */
export function acknowledgementFindings(acks: readonly RecordedAcknowledgement[]): Finding[] {
  const out: Finding[] = [];
  for (const a of acks) {
    const { ruleId } = parseAcknowledgementId(a.id);
    if (!ruleId.startsWith('CaResidency-')) continue;
    const reason = (a.reason ?? '').trim();
    if (reason.length >= MIN_REASON_LENGTH) continue;
    out.push({
      ruleId: ACKNOWLEDGEMENT_RULE_ID,
      category: 'residency',
      severity: 'fatal',
      stackName: a.stackName ?? '',
      logicalId: a.logicalId ?? (a.constructPath || '(app)'),
      resourceType: a.logicalId ? 'AWS::CloudFormation::Resource' : 'Construct',
      path: `Metadata.aws:cdk:acknowledged-rules.${a.id}`,
      constructPath: a.constructPath,
      message: `Acknowledgement of ${ruleId} on '${a.constructPath || '(app)'}' has reason ${JSON.stringify(a.reason ?? '')}, shorter than ${MIN_REASON_LENGTH} characters. Give the real reason (who accepted the risk and why), or fix the finding.`,
    });
  }
  return out;
}

/**
 * The acknowledgement that silences a finding, with CDK core's semantics: namespaced id, the finding is not
 * fatal, and the acknowledgement sits on the finding's construct or an ancestor (the closest one wins).
 */
export function acknowledgementFor(
  f: Finding,
  acks: readonly RecordedAcknowledgement[],
): RecordedAcknowledgement | undefined {
  if (f.severity === 'fatal') return undefined;
  const path = f.constructPath;
  if (path === undefined) return undefined;
  let best: RecordedAcknowledgement | undefined;
  for (const a of acks) {
    const { namespace, ruleId } = parseAcknowledgementId(a.id);
    if (namespace !== PLUGIN_NAMESPACE || ruleId !== f.ruleId) continue;
    const covers = a.constructPath === '' || path === a.constructPath || path.startsWith(`${a.constructPath}/`);
    if (covers && (!best || a.constructPath.length > best.constructPath.length)) best = a;
  }
  return best;
}
