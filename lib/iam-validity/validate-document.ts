import { globMatches, globsOverlap } from '../policy/iam-patterns';
import { conditionKeyMatches, IamAction, IamResourceType, iamService, isGlobalConditionKey } from './iam-reference';
import { literalPattern } from './literal-pattern';

/** Something in a policy document that IAM does not know: it deploys, and silently never matches. */
export interface PolicyProblem {
  /** Path inside the document, e.g. `Statement[0].Action[1]`. */
  readonly path: string;
  readonly message: string;
}

const asList = (value: unknown): unknown[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

/** The actions an action pattern names (`kms:GenerateDataKey*`), or a problem saying why it names none. */
function resolveAction(pattern: string): { actions: IamAction[]; service?: string } | { problem: string } {
  if (pattern === '*') return { actions: [] };
  const colon = pattern.indexOf(':');
  if (colon <= 0) return { problem: `"${pattern}" is not service:action` };
  const prefix = pattern.slice(0, colon);
  const service = iamService(prefix);
  if (!service) return { problem: `"${pattern}": IAM has no service "${prefix}"` };
  const name = pattern.slice(colon + 1);
  const actions = Object.values(service.actions).filter((a) => globMatches(name, a.name, true));
  if (actions.length === 0)
    return {
      problem: `"${pattern}" is not an action of ${prefix}${name.includes('*') || name.includes('?') ? ' (the pattern matches none)' : ''}`,
    };
  return { actions, service: prefix.toLowerCase() };
}

/**
 * The resource type an action names. The reference keys resource types in lower case and actions name them as the
 * service documents them (`Connection` of codeconnections:UseConnection), so the name is looked up in both forms.
 */
function resourceTypeOf(service: string, name: string): IamResourceType | undefined {
  const types = iamService(service)!.resourceTypes;
  return types[name] ?? types[name.toLowerCase()];
}

/** Condition keys an action accepts: its own, those of its resource types, and those the resource types define. */
function keysOf(service: string, action: IamAction): string[] {
  return [
    ...action.conditionKeys,
    ...action.resourceTypes.flatMap((r) => [
      ...r.conditionKeys,
      ...(resourceTypeOf(service, r.name)?.conditionKeys ?? []),
    ]),
  ];
}

/**
 * Could an ARN pattern name a resource of an IAM ARN template (`arn:${Partition}:s3:::${BucketName}`)? Partition,
 * service, region and account are compared field by field (a `*` in one never spans the next); a pattern whose
 * fields an intrinsic swallowed (`*` + `/*`) is compared whole.
 */
function arnFits(template: string, pattern: string): boolean {
  const glob = template.replace(/\$\{[^}]+\}/g, '*');
  const [t, p] = [glob.split(':'), pattern.split(':')];
  if (p.length < 6 || t.length < 6) return globsOverlap(glob, pattern);
  return (
    t.slice(0, 5).every((field, i) => globsOverlap(field, p[i])) &&
    globsOverlap(t.slice(5).join(':'), p.slice(5).join(':'))
  );
}

/**
 * Checks one policy document against IAM's reference: every action exists (wildcards expanded), every condition
 * key is global or valid for at least one action of its statement, every resource ARN matches a resource type of
 * the statement's actions. `NotAction` entries must exist too; `NotResource` and principals are not judged.
 */
export function validatePolicyDocument(document: unknown): PolicyProblem[] {
  let doc = document;
  if (typeof doc === 'string') {
    try {
      doc = JSON.parse(doc);
    } catch {
      return [{ path: '', message: 'the policy document is a string that is not JSON' }];
    }
  }
  const problems: PolicyProblem[] = [];
  const statements = asList((doc as Record<string, unknown> | undefined)?.Statement);
  statements.forEach((raw, i) => {
    const statement = (raw ?? {}) as Record<string, unknown>;
    const at = `Statement[${i}]`;
    const field = statement.Action !== undefined ? 'Action' : 'NotAction';
    const matched: { service: string; action: IamAction }[] = [];
    let everyAction = field === 'NotAction';
    asList(statement[field]).forEach((value, j) => {
      const path = Array.isArray(statement[field]) ? `${at}.${field}[${j}]` : `${at}.${field}`;
      if (typeof value !== 'string') {
        problems.push({ path, message: `${JSON.stringify(value)} is not a literal action name: it cannot be checked` });
        return;
      }
      const resolved = resolveAction(value);
      if ('problem' in resolved) problems.push({ path, message: resolved.problem });
      else if (value === '*') everyAction = true;
      else matched.push(...resolved.actions.map((action) => ({ service: resolved.service!, action })));
    });
    // Conditions and resources are judged against the actions that exist; with none, there is nothing to judge.
    if (!everyAction && matched.length === 0) return;

    for (const [operator, block] of Object.entries((statement.Condition ?? {}) as Record<string, unknown>)) {
      for (const key of Object.keys(block ?? {})) {
        if (isGlobalConditionKey(key)) continue;
        const prefix = key.split(':')[0].toLowerCase();
        const valid = everyAction
          ? (iamService(prefix)?.conditionKeys ?? []).some((k) => conditionKeyMatches(k, key))
          : matched.some(({ service, action }) => keysOf(service, action).some((k) => conditionKeyMatches(k, key)));
        if (!valid) {
          const scope = everyAction
            ? `a condition key of ${prefix}`
            : `a condition key of ${[...new Set(matched.map((m) => `${m.service}:${m.action.name}`))].join(', ')}`;
          problems.push({
            path: `${at}.Condition.${operator}.${key}`,
            message: `"${key}" is neither a global condition key nor ${scope}`,
          });
        }
      }
    }

    if (everyAction || statement.Resource === undefined) return;
    asList(statement.Resource).forEach((value, j) => {
      const path = Array.isArray(statement.Resource) ? `${at}.Resource[${j}]` : `${at}.Resource`;
      const pattern = literalPattern(value);
      if (pattern === undefined) {
        problems.push({
          path,
          message: `${JSON.stringify(value)} is not an ARN or an intrinsic that builds one: it cannot be checked`,
        });
        return;
      }
      if (pattern === '*') return;
      const fits = matched.some(({ service, action }) =>
        action.resourceTypes.some((r) => {
          const type = resourceTypeOf(service, r.name);
          return type !== undefined && arnFits(type.arn, pattern);
        }),
      );
      if (!fits) {
        problems.push({
          path,
          message: `"${pattern}" matches no resource type of ${[...new Set(matched.map((m) => `${m.service}:${m.action.name}`))].join(', ')}`,
        });
      }
    });
  });
  return problems;
}
