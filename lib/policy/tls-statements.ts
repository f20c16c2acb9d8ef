/**
 * Question (a) of the policy model: does a resource policy deny EVERY request to THIS resource (and its objects),
 * by ANY principal, for ALL of the service's actions, when the request is not over TLS (or uses TLS older than a
 * minimum version)? A statement that denies one action, one role, or the bucket but not its objects does not.
 */
import { actionsOfService } from './iam-actions';
import { coversAction, coversResource } from './policy-coverage';
import { evaluateConditions, KnownContext } from './policy-conditions';
import { PolicyStatement, principalIsEveryone } from './policy-statements';
import { remember } from './bounded-cache';

/** One ARN (pattern) of the target and its IAM resource type (`bucket`, `object`, `topic`...). */
export interface TargetResource {
  readonly arn: string;
  /** IAM resource type: the actions to cover are those acting on it. Absent: every action of the service. */
  readonly type?: string;
  /** Only these actions carry the resource's data (SNS: `sns:Publish`); absent: every action on the type. */
  readonly actions?: readonly string[];
}

/** The resource a policy protects: its IAM service prefix and the ARNs (patterns) that must all be covered. */
export interface PolicyTarget {
  /** e.g. `s3`, `sns`, `sqs`, `elasticfilesystem`. */
  readonly service: string;
  /** e.g. the bucket (`arn:aws:s3:::b`, type bucket) and its objects (`arn:aws:s3:::b/*`, type object). */
  readonly resources: readonly TargetResource[];
}

export interface DenyVerdict {
  readonly denied: boolean;
  /** Statements that deny (part of) the requests. */
  readonly statements: readonly number[];
  /** When not denied: a request that gets through, e.g. `s3:GetObject on arn:aws:s3:::b/*`. */
  readonly gap?: string;
}

/** Requests sent without TLS: aws:SecureTransport false, no TLS version. */
const PLAIN: KnownContext = new Map([
  ['aws:securetransport', ['false']],
  ['s3:tlsversion', null],
]);

const OLD_TLS = new Map<number, readonly KnownContext[]>();

/** Requests over TLS of each version strictly below `min` (made once per minimum: the catalogue names one or two). */
function oldTls(min: number): readonly KnownContext[] {
  return OLD_TLS.get(min) ?? remember(OLD_TLS, min, tlsVersionsBelow(min), 100);
}

function tlsVersionsBelow(min: number): KnownContext[] {
  return ['1.0', '1.1', '1.2', '1.3']
    .filter((v) => Number(v) < min)
    .map(
      (v) =>
        new Map([
          ['aws:securetransport', ['true']],
          ['s3:tlsversion', [v]],
        ]),
    );
}

/** Does the statement deny every caller for every request of each class? */
function firesFor(s: PolicyStatement, classes: readonly KnownContext[]): boolean {
  return (
    s.effect === 'Deny' &&
    s.problems.length === 0 &&
    principalIsEveryone(s.principal) &&
    classes.every((c) => evaluateConditions(s.conditions, c) === true)
  );
}

function covers(
  statements: readonly PolicyStatement[],
  target: PolicyTarget,
  classes: readonly KnownContext[],
): DenyVerdict {
  const firing = statements.filter((s) => firesFor(s, classes));
  const used = new Set<number>();
  for (const { arn, type, actions } of target.resources) {
    const onResource = firing.filter((s) => coversResource(s.resource, arn));
    // The common statement (`s3:*` or `*`) covers every action: no need to walk the action list.
    const everything = onResource.find((s) => coversEveryAction(s, target.service));
    if (everything) {
      used.add(everything.index);
      continue;
    }
    for (const action of actions ?? actionsOfService(target.service, type)) {
      const by = onResource.find((s) => coversAction(s.action, action));
      if (!by) return { denied: false, statements: [...used].sort((a, b) => a - b), gap: `${action} on ${arn}` };
      used.add(by.index);
    }
  }
  return { denied: classes.length > 0 && target.resources.length > 0, statements: [...used].sort((a, b) => a - b) };
}

function coversEveryAction(s: PolicyStatement, service: string): boolean {
  const all = `${service.toLowerCase()}:*`;
  return (
    s.action !== undefined &&
    !s.action.not &&
    s.action.values.some((v) => v === '*' || (typeof v === 'string' && v.toLowerCase() === all))
  );
}

/** Are all requests without TLS denied? */
export function deniesInsecureTransport(statements: readonly PolicyStatement[], target: PolicyTarget): DenyVerdict {
  return covers(statements, target, [PLAIN]);
}

/** Are all requests over TLS older than `min` (e.g. 1.2) denied (S3: `s3:TlsVersion`)? */
export function deniesTlsBelow(statements: readonly PolicyStatement[], target: PolicyTarget, min: number): DenyVerdict {
  return covers(statements, target, oldTls(min));
}
