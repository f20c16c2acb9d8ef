import { DATA_PATHS, NOT_DATA_PATHS, pathSegments, topKeyOf } from '../policy/data-paths';
import { isGuardrailStatement } from '../policy/policy-guardrails';
import { allowedList, arnRegions, foreignEndpointHosts, foreignJsonRegions, judgeRegionText } from './region-check';
import { markText, Resolved, resolveString, unresolvedHoles } from './resolve';
import { ResourceRule, ResourceUnderTest, RuleContext } from './types';
import { ownEntry } from '../policy/own-entry';
import { remember } from '../policy/bounded-cache';
import { isIntrinsic } from '../policy/cfn-intrinsic';

/**
 * Paths not walked here:
 * - data paths of the catalogue (lib/policy/data-paths.ts): `CaResidency-DataDestination` or a dedicated rule locates
 *   them with a more precise message, so one problem gives one finding;
 * - region strings that are not data paths (dashboards, health-checker regions; see NOT_DATA_PATHS);
 * - event patterns, which filter events rather than send them.
 */
const EXTRA_SKIPPED: Readonly<Record<string, readonly string[]>> = {
  'AWS::Events::Rule': ['EventPattern'],
};

/** Regex matching a catalogue path (`A[].B`, `M{}.C`) and everything under it. */
function pathPattern(path: string): string {
  const body = pathSegments(path)
    .map((seg) =>
      seg
        .replace(/\[Key=[^\]]*\]$/, '[]')
        .replace(/[\^$+?()|]/g, '\\$&')
        .replace(/\[\]/g, '\\[\\d+\\]')
        .replace(/\{\}$/, '\\.[^.\\[]+'),
    )
    .join('\\.');
  return `${body}(?:$|[.[])`;
}

/** Paths of a type not walked: the regex of their full paths, and the top-level properties they start under. */
interface Excluded {
  readonly pattern: RegExp;
  readonly topKeys: ReadonlySet<string>;
}

const EXCLUDED = new Map<string, Excluded | null>();

/** The excluded paths of a type, compiled on first use (an app uses a few of the catalogue's types); null: none. */
function excludedOf(type: string): Excluded | undefined {
  let excluded = EXCLUDED.get(type);
  if (excluded === undefined) {
    const paths = [
      ...(ownEntry(DATA_PATHS, type) ?? []).map((p) => p.path),
      ...(type === '*' ? [] : (ownEntry(NOT_DATA_PATHS, type) ?? [])),
      ...(ownEntry(EXTRA_SKIPPED, type) ?? []),
    ];
    excluded =
      paths.length === 0
        ? null
        : {
            pattern: new RegExp(`^Properties\\.(?:${[...new Set(paths)].map(pathPattern).join('|')})`),
            // A pattern's text starts with its path's top-level property.
            topKeys: new Set(paths.map(topKeyOf)),
          };
    remember(EXCLUDED, type, excluded);
  }
  return excluded ?? undefined;
}

/**
 * Could a path under top-level property `key` be excluded? Only when `key` is the first name of an excluded path;
 * a key holding `.` or `[` (never a CloudFormation property name) keeps the exact test of every path.
 */
function mayBeExcluded(excluded: Excluded, key: string): boolean {
  return excluded.topKeys.has(key) || key.includes('.') || key.includes('[');
}

/**
 * Keys never walked, at any depth: labels (`Tags`, `Description`) and IAM `Condition` blocks, which restrict who
 * may act rather than say where data goes.
 */
const LABEL_KEYS = new Set([...(NOT_DATA_PATHS['*'] ?? []), 'TagSpecifications', 'Condition']);

/** Keys whose value is a region or a list of regions (`Region`, `RegionName`, `Regions`, `DestinationRegion`...). */
const REGION_KEY = /regions?$|regionname$/i;
/** Keys whose value is an ARN or a list of ARNs. */
const ARN_KEY = /(?:Arn|ARN|Arns|ARNs)$/;

interface Hint {
  readonly region: boolean;
  readonly arn: boolean;
}
const NO_HINT: Hint = { region: false, arn: false };

/** What the walk does under a key: skip it (labels, certificates), or walk it with a hint (null: skipped). */
type KeyClass = Hint | null;

// Property keys repeat across thousands of resources: classify each once.
const keyClasses = new Map<string, KeyClass>();

function classOf(key: string): KeyClass {
  const hit = keyClasses.get(key);
  if (hit !== undefined) return hit;
  if (LABEL_KEYS.has(key) || isCertificateKey(key)) return remember(keyClasses, key, null);
  // IAM condition keys (`aws:RequestedRegion`) restrict access; they are not data locations.
  return remember(
    keyClasses,
    key,
    key.includes(':') ? NO_HINT : { region: REGION_KEY.test(key), arn: ARN_KEY.test(key) },
  );
}

/**
 * Every region code has a dash followed by a digit (`ca-west-1`), and every ARN starts with `arn:`. A literal
 * string with neither, under a key that names no region or ARN, cannot point anywhere: skip the full checks.
 */
const MAY_NAME_A_PLACE = /-\d|arn:/;

/**
 * CaResidency-ResidentRegion: no property of any resource points outside the allowed regions — ARNs with a
 * foreign region field, regional endpoint hosts of foreign regions, region-valued properties naming a
 * foreign region — and no such value is left unresolvable at synth time.
 */
export const RegionReferencesAreResident: ResourceRule = {
  id: 'CaResidency-ResidentRegion',
  category: 'residency',
  severity: 'fatal',
  summary: 'No ARN, endpoint host or region-valued property points outside the allowed regions.',
  resourceTypes: '*',
  check(resource, ctx) {
    const excluded = excludedOf(resource.type);
    const props = resource.properties;
    const walker = new Walker(resource, ctx, excluded?.pattern);
    if (excluded === undefined || !isPlainProperties(props)) {
      walker.walk(props, undefined, 'Properties', NO_HINT, true);
      return;
    }
    // Most top-level properties hold no excluded path: walk those without building every path to test it.
    const plain = new Walker(resource, ctx, undefined);
    const root = new PathNode(undefined, 'Properties', true);
    for (const k of Object.keys(props)) {
      const hint = classOf(k);
      if (hint !== null) (mayBeExcluded(excluded, k) ? walker : plain).walk(props[k], root, k, hint);
    }
  },
};

/**
 * A property path kept as a chain of parts (a key, an array index, or raw text such as `.Fn::If[1]`); joined
 * into text only when a finding needs it, then remembered. Walking thousands of resources allocates no strings.
 */
class PathNode {
  private text?: string;
  constructor(
    private readonly parent: PathNode | undefined,
    private readonly part: string | number,
    private readonly raw = false,
  ) {}

  toString(): string {
    if (this.text === undefined) {
      const own = this.raw ? String(this.part) : typeof this.part === 'number' ? `[${this.part}]` : `.${this.part}`;
      this.text = this.parent ? this.parent.toString() + own : String(this.part);
    }
    return this.text;
  }
}

class Walker {
  private readonly allowed: readonly string[];
  constructor(
    private readonly resource: ResourceUnderTest,
    private readonly ctx: RuleContext,
    private readonly claimed: RegExp | undefined,
  ) {
    this.allowed = ctx.options.allowedRegions;
  }

  /** Judges `value`, found at `part` under `parent`; a node for its path is made only when needed. */
  walk(value: unknown, parent: PathNode | undefined, part: string | number, hint: Hint, raw = false): void {
    // The few types with claimed (excluded) paths need the path text at every step; others only on a finding.
    const eager = this.claimed !== undefined ? new PathNode(parent, part, raw) : undefined;
    if (eager && this.isExcluded(eager.toString())) return;
    if (typeof value === 'string') {
      if (hint.region || hint.arn || MAY_NAME_A_PLACE.test(value))
        this.checkResolved([value], eager ?? new PathNode(parent, part, raw), hint);
      return;
    }
    if (value === null || typeof value !== 'object') return;
    if (Array.isArray(value)) {
      const at = eager ?? new PathNode(parent, part, raw);
      for (let i = 0; i < value.length; i++) this.walk(value[i], at, i, hint);
      return;
    }
    const obj = value as Record<string, unknown>;
    const keys = Object.keys(obj);
    if (keys.length === 1 && (keys[0] === 'Ref' || keys[0].startsWith('Fn::'))) {
      const fn = keys[0];
      const arg = obj[fn];
      // A reference to a resource of this stack, where no region is expected, names nothing foreign: the value is
      // that resource's own (same stack, same region), and only region-valued places judge such a value.
      if (!hint.region && isResourceReference(fn, arg, this.resource.scope)) return;
      const at = eager ?? new PathNode(parent, part, raw);
      if (fn === 'Fn::If' && Array.isArray(arg) && arg.length === 3) {
        // An Fn::If the engine did not choose (undeclared condition, too many combinations; condition-variants.ts):
        // judge both.
        this.walk(arg[1], at, '.Fn::If[1]', hint, true);
        this.walk(arg[2], at, '.Fn::If[2]', hint, true);
        return;
      }
      const r = resolveString(value, this.resource.scope);
      if (r) this.checkResolved(r, at, hint);
      else if (Array.isArray(arg)) this.walk(arg, at, fn, hint);
      return;
    }
    // A Deny statement is a guardrail: the places it names receive nothing.
    if (isDenyStatement(obj)) return;
    const at = eager ?? new PathNode(parent, part, raw);
    for (const k of keys) {
      const hint = classOf(k);
      if (hint !== null) this.walk(obj[k], at, k, hint);
    }
  }

  private isExcluded(path: string): boolean {
    return this.claimed !== undefined && this.claimed.test(path);
  }

  private report(path: string, message: string) {
    this.ctx.report({ path, message });
  }

  /** Built only when something is reported: most values are fine. */
  private where(at: PathNode): string {
    return `${this.resource.type} ${this.resource.logicalId} ${at.toString()}`;
  }

  private checkResolved(r: Resolved, at: PathNode, hint: Hint): void {
    const { text, holes } = markText(r);

    if (hint.region) {
      const v = judgeRegionText(text, holes, this.allowed);
      if (v.verdict === 'foreign') {
        this.report(
          at.toString(),
          `${this.where(at)} names region '${v.region}', outside Canada. Use ${allowedList(this.allowed)}.`,
        );
        return;
      }
      if (v.verdict === 'unresolved') {
        this.report(
          at.toString(),
          `${this.where(at)} is a region that cannot be resolved at synth time (${v.reasons.join('; ')}). Use a literal ${allowedList(this.allowed)} or \${AWS::Region}.`,
        );
        return;
      }
    } else if (hint.arn && !text.includes('arn:')) {
      const unresolvedOnes = unresolvedHoles(r);
      if (unresolvedOnes.length > 0) {
        this.report(
          at.toString(),
          `${this.where(at)} is an ARN whose region cannot be resolved at synth time (${unresolvedOnes.map((h) => h.reason).join('; ')}). Reference a resource of the app or write the ARN with an explicit Canadian region.`,
        );
        return;
      }
    }
    for (const a of arnRegions(text, holes, this.allowed)) {
      if (a.verdict.verdict === 'foreign') {
        this.report(
          at.toString(),
          `${this.where(at)} contains ARN '${a.arn}' in region '${a.verdict.region}', outside Canada. Point it at a resource in ${allowedList(this.allowed)}.`,
        );
      } else if (a.verdict.verdict === 'unresolved') {
        this.report(
          at.toString(),
          `${this.where(at)} contains ARN '${a.arn}' whose region cannot be resolved at synth time (${a.verdict.reasons.join('; ')}). Use a literal Canadian region or \${AWS::Region}.`,
        );
      }
    }
    for (const h of foreignEndpointHosts(text, this.allowed)) {
      this.report(
        at.toString(),
        `${this.where(at)} contains endpoint '${h.host}' of region '${h.region}', outside Canada. Use the ${allowedList(this.allowed)} endpoint.`,
      );
    }
    for (const region of foreignJsonRegions(text, this.allowed)) {
      this.report(
        at.toString(),
        `${this.where(at)} carries a call or document naming region '${region}', outside Canada. Use ${allowedList(this.allowed)}.`,
      );
    }
  }
}

/**
 * `Ref` or `Fn::GetAtt` of a resource of the stack, as resolve.ts reads them (a single attribute hole of that stack):
 * a parameter or pseudo parameter of the same name wins over a resource in `Ref`, so those are left to the resolver.
 */
function isResourceReference(fn: string, arg: unknown, scope: ResourceUnderTest['scope']): boolean {
  if (fn === 'Ref')
    return (
      typeof arg === 'string' && !arg.startsWith('AWS::') && has(scope.resources, arg) && !has(scope.parameters, arg)
    );
  if (fn !== 'Fn::GetAtt') return false;
  const id = typeof arg === 'string' ? arg.slice(0, arg.indexOf('.')) : Array.isArray(arg) ? arg[0] : undefined;
  return typeof id === 'string' && has(scope.resources, id);
}

function has(o: object, k: string): boolean {
  return Object.prototype.hasOwnProperty.call(o, k);
}

/**
 * Properties the walk would treat as an ordinary object at the top: not an intrinsic (`Fn::If` at the top is judged
 * branch by branch), not a Deny statement, not a list or a scalar.
 */
function isPlainProperties(props: unknown): props is Record<string, unknown> {
  if (props === null || typeof props !== 'object' || Array.isArray(props)) return false;
  if (isIntrinsic(props)) return false;
  return !isDenyStatement(props as Record<string, unknown>);
}

/** An IAM policy statement whose effect is `Deny` (a cheap shape test first: this runs on every object walked). */
function isDenyStatement(obj: Record<string, unknown>): boolean {
  return obj.Effect === 'Deny' && ('Action' in obj || 'NotAction' in obj) && isGuardrailStatement(obj);
}

/**
 * Certificates hold no customer data, and the services that take a certificate ARN (load balancers, API custom
 * domains, VPN endpoints) require it in their own region; CloudFront's must be in us-east-1.
 */
function isCertificateKey(key: string): boolean {
  return key.endsWith('CertificateArn');
}
