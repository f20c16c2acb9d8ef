import { judgeRegionText } from './region-check';
import { markText, possibleValues, render, resolveString, unresolvedHoles } from './resolve';
import { ResourceUnderTest, RuleContext, TemplateScope } from './types';
import { remember } from '../policy/bounded-cache';

/** One step of a dot path: a key, then the list indices after it (`B[0][1]` → B, [0, 1]); null for a malformed one. */
type PathStep = { readonly key: string; readonly indices: readonly number[] } | null;

/** Parsed paths: the catalogues ask the same few paths of every resource. */
const parsedPaths = new Map<string, readonly PathStep[]>();

function parsePath(path: string): readonly PathStep[] {
  const hit = parsedPaths.get(path);
  if (hit) return hit;
  // Paths come from the catalogues and from `when` properties with indices filled in: bounded all the same.
  return remember(
    parsedPaths,
    path,
    path.split('.').map((part) => {
      const m = /^([^[]+)((?:\[\d+\])*)$/.exec(part);
      return m ? { key: m[1], indices: (m[2].match(/\d+/g) ?? []).map(Number) } : null;
    }),
  );
}

/** Value at a dot path (`A.B[0].C`) of an object; undefined when any step is missing. */
export function getPath(obj: unknown, path: string): unknown {
  let cur: unknown = obj;
  for (const step of parsePath(path)) {
    if (step === null) return undefined;
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[step.key];
    for (const idx of step.indices) {
      if (!Array.isArray(cur)) return undefined;
      cur = cur[idx];
    }
  }
  return cur;
}

/**
 * Does a catalogue condition (`property` has one of `values`, case-insensitively) hold on `props`? An absent
 * property does not; a value that cannot be resolved at synth time does (fail closed).
 */
export function conditionHolds(
  props: unknown,
  when: { readonly property: string; readonly values: readonly string[] },
  scope: TemplateScope,
): boolean {
  const raw = getPath(props, when.property);
  if (raw === undefined) return false;
  const values = possibleValues(resolveString(raw, scope));
  return !values || values.some((v) => when.values.some((w) => w.toLowerCase() === v.toLowerCase()));
}

/** Result of judging a switch such as `StorageEncrypted` or `EncryptionType`. */
export type SwitchVerdict =
  | { readonly state: 'on' | 'off'; readonly shown: string }
  | { readonly state: 'unresolved'; readonly reasons: string[] };

/** Judge a switch value against the values meaning "on" (default: true). */
export function judgeSwitch(
  value: unknown,
  resource: ResourceUnderTest,
  on: readonly (string | boolean)[] = [true],
): SwitchVerdict {
  const r = resolveString(value, resource.scope);
  if (!r) return { state: 'unresolved', reasons: [`value ${JSON.stringify(value)} is not a scalar`] };
  // A parameter whose AllowedValues all mean "on" is on whatever is chosen at deploy time.
  const values = possibleValues(r);
  if (values && values.length > 1) {
    const allOn = values.every((v) => on.some((o) => String(o).toLowerCase() === v.toLowerCase()));
    if (allOn) return { state: 'on', shown: values.join(' or ') };
  }
  const holes = unresolvedHoles(r);
  if (holes.length > 0 || r.some((s) => typeof s !== 'string')) {
    return {
      state: 'unresolved',
      reasons: holes.length > 0 ? holes.map((h) => h.reason) : [`'${render(r)}' is only known at deploy time`],
    };
  }
  const text = r.filter((s): s is string => typeof s === 'string').join('');
  const match = on.some((o) => String(o).toLowerCase() === text.toLowerCase());
  return { state: match ? 'on' : 'off', shown: text };
}

const KEY_TYPES = new Set(['AWS::KMS::Key', 'AWS::KMS::Alias', 'AWS::KMS::ReplicaKey']);
/** Properties that name a Glue security configuration rather than a key. */
const NAMED_CONFIG_TYPES = new Set(['AWS::Glue::SecurityConfiguration']);

/**
 * Judge a KMS key reference: it must be a customer-managed key (not `alias/aws/*`) in the stack's own region, or in
 * `region` when the data it protects is elsewhere (a pipeline's artifact store in another region).
 * Reports at `path` and returns true when compliant.
 */
export function judgeCustomerKey(
  value: unknown,
  resource: ResourceUnderTest,
  ctx: RuleContext,
  path: string,
  region: string | undefined = resource.scope.region,
): boolean {
  const where = `${resource.type} ${resource.logicalId} ${path}`;
  const r = resolveString(value, resource.scope);
  if (!r || r.length === 0) {
    ctx.report({
      path,
      message: `${where} is ${JSON.stringify(value)}, not a KMS key reference. Use a customer-managed KMS key of this stack.`,
    });
    return false;
  }
  const { text, holes } = markText(r);
  if (holes.length === 1 && text === '\u00000\u0000' && holes[0].kind === 'attr') {
    const h = holes[0];
    if (h.stackName === resource.scope.stackName) {
      const type = h.logicalId ? resource.scope.resources[h.logicalId]?.Type : undefined;
      if (region !== resource.scope.region) {
        ctx.report({
          path,
          message: `${where} uses a key of this stack (${resource.scope.region ?? 'unknown region'}) for data in ${region ?? 'an unknown region'}; KMS keys are regional: use a key in ${region ?? 'that region'}.`,
        });
        return false;
      }
      if (type === undefined || KEY_TYPES.has(type) || NAMED_CONFIG_TYPES.has(type)) return true;
      ctx.report({
        path,
        message: `${where} refers to ${h.describe}, a ${type}, not a KMS key. Use a customer-managed KMS key.`,
      });
      return false;
    }
    if (h.region === region) return true;
    ctx.report({
      path,
      message: `${where} uses a key of stack ${h.stackName} in region '${h.region ?? 'unknown'}'; KMS keys are regional: use a key in ${region ?? 'the stack region'}.`,
    });
    return false;
  }
  const unresolvedOnes = unresolvedHoles(r);
  if (unresolvedOnes.length > 0) {
    ctx.report({
      path,
      message: `${where} is a key that cannot be resolved at synth time (${unresolvedOnes.map((u) => u.reason).join('; ')}). Reference a customer-managed KMS key of this stack.`,
    });
    return false;
  }
  if (/(^|:)alias\/aws\//.test(text)) {
    ctx.report({
      path,
      message: `${where} is '${render(r)}', an AWS managed key: the client does not own it. Use a customer-managed KMS key.`,
    });
    return false;
  }
  const arn = /^arn:[^:]*:kms:([^:]*):/.exec(text);
  if (arn) {
    const v = judgeRegionText(arn[1], holes, [region ?? '']);
    if (v.verdict === 'foreign' || (v.verdict === 'not-a-region' && arn[1] !== '')) {
      ctx.report({
        path,
        message: `${where} is key '${render(r)}' in region '${arn[1]}'; KMS keys are regional: use a customer-managed key in ${region ?? 'the stack region'}.`,
      });
      return false;
    }
    if (v.verdict === 'unresolved') {
      ctx.report({
        path,
        message: `${where} is key '${render(r)}' whose region cannot be resolved (${v.reasons.join('; ')}). Use a key in ${region ?? 'the stack region'}.`,
      });
      return false;
    }
  }
  // Bare key ids and alias names always designate a key of the same region and account.
  return true;
}
