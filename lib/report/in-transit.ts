import { IN_TRANSIT, ResourcePolicyControl } from '../policy/in-transit-catalogue';
import { protectedResource } from '../rules/policy-documents';
import { tlsVerdicts } from '../rules/tls-verdicts';
import { CfnResourceJson, TemplateScope } from '../rules/types';
import { FindingNote } from './at-rest';
import { InTransitFacts } from './model';
import { ownEntry } from '../policy/own-entry';

/**
 * The in-transit control of a data store, read from the same catalogue and policy model as the
 * CaResidency-EncryptedInTransit rule: `issue` is the rule's finding on it, if any; otherwise what enforces TLS.
 */
export function inTransitFacts(
  logicalId: string,
  json: CfnResourceJson,
  scope: TemplateScope,
  issue: FindingNote | undefined,
): InTransitFacts {
  if (issue) return { status: 'not-enforced', detail: `${issue.state} finding at ${issue.path}` };
  const spec = ownEntry(IN_TRANSIT, json.Type);
  if (!spec) return { status: 'service-default', detail: 'reached only through AWS API endpoints (HTTPS)' };
  const policy = spec.controls.find((c): c is ResourcePolicyControl => c.kind === 'resource-policy');
  if (!policy) return { status: 'enforced', detail: spec.enforcedBy };
  const { plain, old } = tlsVerdicts(protectedResource(logicalId, scope, policy), policy);
  const controls: string[] = [];
  const what = policy.dataActions ? policy.dataActions.join(', ') : 'requests';
  if (plain.denied) controls.push(`denies ${what} without TLS`);
  if (policy.minimumTls !== undefined && old?.denied) controls.push(`denies TLS below ${policy.minimumTls.toFixed(1)}`);
  const kind = policy.policyType ? policy.policyType.split('::')[2] : policy.inlineProperty;
  if (controls.length === 0) return { status: 'not-enforced', detail: `no ${kind} denying ${what} without TLS` };
  return { status: 'enforced', detail: `${kind} ${controls.sort().join(', ')}` };
}
