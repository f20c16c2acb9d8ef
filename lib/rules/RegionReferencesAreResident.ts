import { allowedList, arnRegions, foreignEndpointHosts, foreignJsonRegions, judgeRegionText } from './region-check';
import { markText, Resolved, resolveString, unresolvedHoles } from './resolve';
import { ResourceRule, ResourceUnderTest, RuleContext } from './types';

/**
 * Paths judged by a dedicated rule with a more precise message; the generic walk leaves them alone so that
 * one problem gives one finding.
 */
const CLAIMED: Readonly<Record<string, RegExp>> = {
  'AWS::S3::Bucket': /^Properties\.ReplicationConfiguration\.Rules\[\d+\]\.Destination\.Bucket$/,
  'AWS::Backup::BackupPlan': /^Properties\.BackupPlan\.BackupPlanRule\[\d+\]\.CopyActions\[\d+\]\.DestinationBackupVaultArn$/,
  'AWS::DynamoDB::GlobalTable': /^Properties\.Replicas\[\d+\]\.Region$/,
};

/**
 * Not walked: event patterns are filters on events, not places data goes; CloudFront only accepts ACM
 * certificates from us-east-1 (a certificate holds no customer data; the distribution itself is judged by
 * CaResidency-GlobalService).
 */
const SKIPPED: Readonly<Record<string, RegExp>> = {
  'AWS::Events::Rule': /^Properties\.EventPattern$/,
  'AWS::CloudFront::Distribution': /^Properties\.DistributionConfig\.ViewerCertificate\.AcmCertificateArn$/,
};

/** Keys whose value is a region or a list of regions (`Region`, `RegionName`, `Regions`, `DestinationRegion`...). */
const REGION_KEY = /regions?$|regionname$/i;
/** Keys whose value is an ARN or a list of ARNs. */
const ARN_KEY = /(?:Arn|ARN|Arns|ARNs)$/;

interface Hint {
  readonly region: boolean;
  readonly arn: boolean;
}
const NO_HINT: Hint = { region: false, arn: false };

// Property keys repeat across thousands of resources: classify each once.
const hintCache = new Map<string, Hint>();

function hintFor(key: string): Hint {
  let hint = hintCache.get(key);
  if (!hint) {
    // IAM condition keys (`aws:RequestedRegion`) restrict access; they are not data locations.
    hint = key.includes(':') ? NO_HINT : { region: REGION_KEY.test(key), arn: ARN_KEY.test(key) };
    hintCache.set(key, hint);
  }
  return hint;
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
    const claimed = CLAIMED[resource.type];
    const skipped = SKIPPED[resource.type];
    const walker = new Walker(resource, ctx, claimed, skipped);
    walker.walk(resource.properties, { segment: 'Properties' }, NO_HINT);
  },
};

/** A property path kept as a chain of segments; joined into text only when needed. */
interface PathNode {
  readonly parent?: PathNode;
  readonly segment: string;
}

function pathText(node: PathNode): string {
  const segments: string[] = [];
  for (let n: PathNode | undefined = node; n; n = n.parent) segments.push(n.segment);
  return segments.reverse().join('');
}

class Walker {
  private readonly allowed: readonly string[];
  constructor(
    private readonly resource: ResourceUnderTest,
    private readonly ctx: RuleContext,
    private readonly claimed: RegExp | undefined,
    private readonly skipped: RegExp | undefined,
  ) {
    this.allowed = ctx.options.allowedRegions;
  }

  walk(value: unknown, at: PathNode, hint: Hint): void {
    // Path strings are built only for the few types with claimed or skipped paths, and for findings.
    if ((this.claimed || this.skipped) && this.isExcluded(pathText(at))) return;
    if (typeof value === 'string') {
      if (hint.region || hint.arn || MAY_NAME_A_PLACE.test(value)) this.checkResolved([value], at, hint);
      return;
    }
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) this.walk(value[i], { parent: at, segment: `[${i}]` }, hint);
      return;
    }
    if (value === null || typeof value !== 'object') return;
    const obj = value as Record<string, unknown>;
    const keys = Object.keys(obj);
    if (keys.length === 1 && (keys[0] === 'Ref' || keys[0].startsWith('Fn::'))) {
      const fn = keys[0];
      const arg = obj[fn];
      if (fn === 'Fn::If' && Array.isArray(arg) && arg.length === 3) {
        // Both branches may be deployed: judge each.
        this.walk(arg[1], { parent: at, segment: '.Fn::If[1]' }, hint);
        this.walk(arg[2], { parent: at, segment: '.Fn::If[2]' }, hint);
        return;
      }
      const r = resolveString(value, this.resource.scope);
      if (r) this.checkResolved(r, at, hint);
      else if (Array.isArray(arg)) this.walk(arg, { parent: at, segment: `.${fn}` }, hint);
      return;
    }
    for (const k of keys) this.walk(obj[k], { parent: at, segment: `.${k}` }, hintFor(k));
  }

  private isExcluded(path: string): boolean {
    return (this.claimed !== undefined && this.claimed.test(path)) || (this.skipped !== undefined && this.skipped.test(path));
  }

  private report(path: string, message: string) {
    this.ctx.report({ path, message });
  }

  private checkResolved(r: Resolved, at: PathNode, hint: Hint): void {
    const { text, holes } = markText(r);
    // Built only when something is reported: most values are fine.
    const where = () => `${this.resource.type} ${this.resource.logicalId} ${pathText(at)}`;
    if (hint.region) {
      const v = judgeRegionText(text, holes, this.allowed);
      if (v.verdict === 'foreign') {
        this.report(pathText(at), `${where()} names region '${v.region}', outside Canada. Use ${allowedList(this.allowed)}.`);
        return;
      }
      if (v.verdict === 'unresolved') {
        this.report(pathText(at), `${where()} is a region that cannot be resolved at synth time (${v.reasons.join('; ')}). Use a literal ${allowedList(this.allowed)} or \${AWS::Region}.`);
        return;
      }
    } else if (hint.arn && !text.includes('arn:')) {
      const unresolvedOnes = unresolvedHoles(r);
      if (unresolvedOnes.length > 0) {
        this.report(pathText(at), `${where()} is an ARN whose region cannot be resolved at synth time (${unresolvedOnes.map((h) => h.reason).join('; ')}). Reference a resource of the app or write the ARN with an explicit Canadian region.`);
        return;
      }
    }
    for (const a of arnRegions(text, holes, this.allowed)) {
      if (a.verdict.verdict === 'foreign') {
        this.report(pathText(at), `${where()} contains ARN '${a.arn}' in region '${a.verdict.region}', outside Canada. Point it at a resource in ${allowedList(this.allowed)}.`);
      } else if (a.verdict.verdict === 'unresolved') {
        this.report(pathText(at), `${where()} contains ARN '${a.arn}' whose region cannot be resolved at synth time (${a.verdict.reasons.join('; ')}). Use a literal Canadian region or \${AWS::Region}.`);
      }
    }
    for (const h of foreignEndpointHosts(text, this.allowed)) {
      this.report(pathText(at), `${where()} contains endpoint '${h.host}' of region '${h.region}', outside Canada. Use the ${allowedList(this.allowed)} endpoint.`);
    }
    for (const region of foreignJsonRegions(text, this.allowed)) {
      this.report(pathText(at), `${where()} carries a call or document naming region '${region}', outside Canada. Use ${allowedList(this.allowed)}.`);
    }
  }
}
