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

function hintFor(key: string): Hint {
  // IAM condition keys (`aws:RequestedRegion`) restrict access; they are not data locations.
  if (key.includes(':')) return NO_HINT;
  return { region: REGION_KEY.test(key), arn: ARN_KEY.test(key) };
}

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
    walker.walk(resource.properties, 'Properties', NO_HINT);
  },
};

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

  walk(value: unknown, path: string, hint: Hint): void {
    if ((this.claimed && this.claimed.test(path)) || (this.skipped && this.skipped.test(path))) return;
    if (typeof value === 'string') {
      this.checkResolved([value], path, hint);
      return;
    }
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) this.walk(value[i], `${path}[${i}]`, hint);
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
        this.walk(arg[1], `${path}.Fn::If[1]`, hint);
        this.walk(arg[2], `${path}.Fn::If[2]`, hint);
        return;
      }
      const r = resolveString(value, this.resource.scope);
      if (r) this.checkResolved(r, path, hint);
      else if (Array.isArray(arg)) this.walk(arg, `${path}.${fn}`, hint);
      return;
    }
    for (const k of keys) this.walk(obj[k], `${path}.${k}`, hintFor(k));
  }

  private report(path: string, message: string) {
    this.ctx.report({ path, message });
  }

  private checkResolved(r: Resolved, path: string, hint: Hint): void {
    const { text, holes } = markText(r);
    const where = `${this.resource.type} ${this.resource.logicalId} ${path}`;
    if (hint.region) {
      const v = judgeRegionText(text, holes, this.allowed);
      if (v.verdict === 'foreign') {
        this.report(path, `${where} names region '${v.region}', outside Canada. Use ${allowedList(this.allowed)}.`);
        return;
      }
      if (v.verdict === 'unresolved') {
        this.report(path, `${where} is a region that cannot be resolved at synth time (${v.reasons.join('; ')}). Use a literal ${allowedList(this.allowed)} or \${AWS::Region}.`);
        return;
      }
    } else if (hint.arn && !text.includes('arn:')) {
      const unresolvedOnes = unresolvedHoles(r);
      if (unresolvedOnes.length > 0) {
        this.report(path, `${where} is an ARN whose region cannot be resolved at synth time (${unresolvedOnes.map((h) => h.reason).join('; ')}). Reference a resource of the app or write the ARN with an explicit Canadian region.`);
        return;
      }
    }
    for (const a of arnRegions(text, holes, this.allowed)) {
      if (a.verdict.verdict === 'foreign') {
        this.report(path, `${where} contains ARN '${a.arn}' in region '${a.verdict.region}', outside Canada. Point it at a resource in ${allowedList(this.allowed)}.`);
      } else if (a.verdict.verdict === 'unresolved') {
        this.report(path, `${where} contains ARN '${a.arn}' whose region cannot be resolved at synth time (${a.verdict.reasons.join('; ')}). Use a literal Canadian region or \${AWS::Region}.`);
      }
    }
    for (const h of foreignEndpointHosts(text, this.allowed)) {
      this.report(path, `${where} contains endpoint '${h.host}' of region '${h.region}', outside Canada. Use the ${allowedList(this.allowed)} endpoint.`);
    }
    for (const region of foreignJsonRegions(text, this.allowed)) {
      this.report(path, `${where} carries a call or document naming region '${region}', outside Canada. Use ${allowedList(this.allowed)}.`);
    }
  }
}
