/**
 * One mechanism to locate where a data destination is: in the same template or another stack of the app (its
 * region is the stack's), by the region field of its ARN or the region label of its AWS endpoint host, or
 * declared by the user (options `declaredDestinations`, or `bucketsDeclaredCanadian` for buckets). Whatever
 * cannot be proven is `unproven`, a destination outside AWS is `outside-aws`: both fail closed.
 */
import type { DestinationKind } from '../policy/data-paths';
import type { DeclaredDestination, ResolvedResidencyOptions } from '../policy/options';
import { looksLikeRegion, REGIONAL_ENDPOINT_HOST } from '../policy/regions';
import { parseArn } from './arn';
import { judgeRegionText, RegionVerdict } from './region-check';
import { Hole, holesIn, markText, render, Resolved, resolveString, unresolvedHoles } from './resolve';
import { RuleContext, TemplateScope } from './types';

export type Location =
  /** No destination (the property resolves to `AWS::NoValue`). */
  | { readonly verdict: 'none' }
  | { readonly verdict: 'resident'; readonly how: string; readonly declared?: DeclaredDestination }
  | { readonly verdict: 'foreign'; readonly region: string; readonly how: string }
  | { readonly verdict: 'outside-aws'; readonly what: string }
  | { readonly verdict: 'unproven'; readonly what: string; readonly why: string };

const HOLE = /\u0000\d+\u0000/;

/** Locate the destination `value` (a property value, intrinsics allowed) read as `kind`, from `scope`. */
export function locateDestination(
  value: unknown,
  kind: DestinationKind,
  scope: TemplateScope,
  options: ResolvedResidencyOptions,
): Location {
  const r = resolveString(value, scope);
  if (r === undefined) return { verdict: 'unproven', what: JSON.stringify(value), why: 'it is not a string' };
  if (r.length === 0) return { verdict: 'none' };
  return new Locator(r, kind, scope, options).locate();
}

class Locator {
  private readonly text: string;
  private readonly holes: Hole[];
  private readonly shown: string;
  constructor(
    private readonly r: Resolved,
    private readonly kind: DestinationKind,
    private readonly scope: TemplateScope,
    private readonly options: ResolvedResidencyOptions,
  ) {
    ({ text: this.text, holes: this.holes } = markText(r));
    this.shown = render(r);
  }

  locate(): Location {
    if (this.kind === 'third-party')
      return this.declaredOr({ verdict: 'outside-aws', what: `${this.shown} (a service outside AWS)` }, [this.shown]);
    if (this.kind === 'model') {
      const geography = crossRegionGeography(this.text);
      if (geography)
        return {
          verdict: 'foreign',
          region: geography === 'global' ? 'any commercial region' : `${geography} geography`,
          how: `cross-Region profile '${this.shown}', which routes requests to the regions of its geography`,
        };
    }
    if (this.kind === 'region')
      return this.fromRegion(
        judgeRegionText(this.text, this.holes, this.options.allowedRegions),
        `region '${this.shown}'`,
      );
    // A resource of the app (Ref / GetAtt alone): it is where its stack is.
    const whole = this.holes.length === 1 && this.text === '\u00000\u0000' ? this.holes[0] : undefined;
    if (whole?.kind === 'attr') return this.inStack(whole.stackName, whole.region, whole.describe);
    if (this.text.startsWith('arn:')) return this.fromArn();
    if (this.text.startsWith('s3://')) return this.bucket(this.text.slice(5));
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(this.text) || /^jdbc:/i.test(this.text)) return this.host(hostOfUrl(this.text));
    switch (this.kind) {
      case 'bucket':
        return this.bucket(this.text);
      case 'host': {
        // A list of hosts (Kafka bootstrap servers, broker lists): data may go to any of them, so each must be resident.
        const located = this.text.split(',').map((h) => this.host(h.trim().replace(/[:/].*$/, '')));
        return located.find((l) => l.verdict !== 'resident') ?? located[0];
      }
      case 'address':
        return this.declaredOr({ verdict: 'outside-aws', what: `${this.shown} (notifications leave AWS)` }, [
          this.shown,
        ]);
      default:
        // A bare name (not an ARN) designates a resource of the same account and region.
        if (unresolvedHoles(this.r).length === 0 && !HOLE.test(this.text))
          return { verdict: 'resident', how: `a name in the stack's region` };
        return this.unproven(`it is not an ARN that can be read at synth time (${this.reasons()})`);
    }
  }

  private reasons(): string {
    const rs = unresolvedHoles(this.r).map((h) => h.reason);
    return rs.length > 0 ? rs.join('; ') : `'${this.shown}'`;
  }

  private unproven(why: string, candidates: readonly string[] = [this.shown]): Location {
    return this.declaredOr({ verdict: 'unproven', what: this.shown, why }, candidates);
  }

  private inStack(stackName: string, region: string | undefined, describe: string): Location {
    if (region === undefined)
      return this.unproven(`${describe} is defined in stack ${stackName}, whose region is unknown (env-agnostic)`);
    const how = stackName === this.scope.stackName ? `${describe} of this stack` : `${describe} of stack ${stackName}`;
    return this.options.allowedRegions.includes(region)
      ? { verdict: 'resident', how: `${how} (${region})` }
      : { verdict: 'foreign', region, how };
  }

  private fromRegion(v: RegionVerdict, how: string): Location {
    switch (v.verdict) {
      case 'allowed':
        return { verdict: 'resident', how };
      case 'foreign':
        return { verdict: 'foreign', region: v.region, how };
      case 'unresolved':
        return this.unproven(`its region cannot be resolved at synth time (${v.reasons.join('; ')})`);
      default:
        return this.unproven(`'${this.shown}' is not a region`);
    }
  }

  private fromArn(): Location {
    const arn = parseArn(this.text);
    if (!arn) return this.unproven('it is not a well-formed ARN');
    // S3 ARNs carry no region: find the bucket.
    if (arn.service === 's3' && arn.region === '') return this.bucket(arn.resource);
    if (arn.region === '') return this.unproven(`the ARN has no region field`);
    // An ARN built around a resource of the app (e.g. `${Queue.Arn}` pieces) is judged by its region field.
    const region = holesIn(arn.region, this.holes);
    if (region.length === 1 && region[0].kind === 'attr' && arn.region === this.text.match(HOLE)?.[0]) {
      return this.inStack(region[0].stackName, region[0].region, region[0].describe);
    }
    return this.fromRegion(judgeRegionText(arn.region, this.holes, this.options.allowedRegions), `'${this.shown}'`);
  }

  private bucket(path: string): Location {
    const name = path.replace(/\/.*$/, '');
    if (HOLE.test(name)) {
      const whole = holesIn(name, this.holes);
      if (name === '\u00000\u0000' && whole[0]?.kind === 'attr')
        return this.inStack(whole[0].stackName, whole[0].region, whole[0].describe);
      return this.unproven(`the bucket name cannot be resolved at synth time (${this.reasons()})`, [
        name.replace(/\u0000.*$/, '\u0000'),
      ]);
    }
    const defined = this.scope.app.bucketsByName.get(name);
    if (defined && defined.length > 0) {
      const foreign = defined.find((d) => d.region === undefined || !this.options.allowedRegions.includes(d.region));
      if (foreign?.region === undefined && foreign)
        return this.unproven(
          `bucket '${name}' is defined in stack ${foreign.stackName}, whose region is unknown (env-agnostic)`,
        );
      if (foreign)
        return {
          verdict: 'foreign',
          region: foreign.region!,
          how: `bucket '${name}' defined in stack ${foreign.stackName}`,
        };
      return {
        verdict: 'resident',
        how: `bucket '${name}' defined in stack ${defined[0].stackName} (${defined[0].region})`,
      };
    }
    if (this.options.bucketsDeclaredCanadian.some((d) => matches(d, name)))
      return { verdict: 'resident', how: `bucket '${name}' listed in bucketsDeclaredCanadian` };
    return this.unproven(`bucket '${name}' is not defined in any stack of this app`, [name]);
  }

  private host(host: string): Location {
    if (host === '' || HOLE.test(host)) {
      const found = holesIn(host, this.holes);
      const attr = found.find((h) => h.kind === 'attr');
      if (found.length === 1 && attr?.kind === 'attr') return this.inStack(attr.stackName, attr.region, attr.describe);
      return this.unproven(`its host cannot be resolved at synth time (${this.reasons()})`);
    }
    const lower = host.toLowerCase();
    const m = [...lower.matchAll(REGIONAL_ENDPOINT_HOST)].find(
      (x) => x[0].length > 0 && lower.endsWith(x[0].replace(/^[.-]+/, '')),
    );
    if (m && looksLikeRegion(m[1])) {
      return this.options.allowedRegions.includes(m[1])
        ? { verdict: 'resident', how: `AWS endpoint in ${m[1]}` }
        : { verdict: 'foreign', region: m[1], how: `AWS endpoint '${host}'` };
    }
    if (/\.amazonaws\.com(\.cn)?$/.test(lower))
      return this.unproven(`AWS host '${host}' names no region`, [host, this.shown]);
    return this.declaredOr({ verdict: 'outside-aws', what: `host '${host}'` }, [host, this.shown]);
  }

  /** A declaration naming one of `candidates` (exact, `prefix*`, or `*.domain` for hosts) makes `fallback` resident. */
  private declaredOr(fallback: Location, candidates: readonly string[]): Location {
    for (const d of this.options.declaredDestinations) {
      if (candidates.some((c) => matches(d.destination, c)))
        return { verdict: 'resident', how: `declared in ${d.region}: ${d.reason}`, declared: d };
    }
    return fallback;
  }
}

/** `pattern` is exact, `prefix*` or `*.domain`; `candidate` may end in `\u0000` (a literal prefix before a hole). */
function matches(pattern: string, candidate: string): boolean {
  const partial = candidate.endsWith('\u0000');
  const c = partial ? candidate.slice(0, -1) : candidate;
  if (pattern.startsWith('*.')) return !partial && c.toLowerCase().endsWith(pattern.slice(1).toLowerCase());
  if (pattern.endsWith('*')) return c.startsWith(pattern.slice(0, -1));
  return !partial && c === pattern;
}

/**
 * Geography prefixes of Amazon Bedrock cross-Region (system-defined) inference and guardrail profiles; none keeps
 * requests in Canada. Source: Amazon Bedrock User Guide, "Supported Regions and models for inference profiles".
 */
const CROSS_REGION_GEOGRAPHIES = new Set(['global', 'us', 'us-gov', 'eu', 'apac', 'jp', 'au']);

/** The geography of a cross-Region profile id (`us.anthropic...`) or profile ARN, or undefined. */
function crossRegionGeography(text: string): string | undefined {
  const arn = parseArn(text);
  const id = arn ? /^(?:inference|guardrail)-profile\/(.*)$/.exec(arn.resource)?.[1] : text;
  const prefix = id?.split('.')[0];
  return prefix !== undefined && id!.includes('.') && CROSS_REGION_GEOGRAPHIES.has(prefix) ? prefix : undefined;
}

function hostOfUrl(url: string): string {
  const rest = url.replace(/^jdbc:/i, '').replace(/^[a-z][a-z0-9+.-]*:\/\//i, '');
  return rest.replace(/^[^@/]*@/, '').replace(/[:/?#].*$/, '');
}

/** When a declaration let the destination at `path` through, record it for the reports. */
export function recordDeclared(ctx: RuleContext, path: string, loc: Location): void {
  if (loc.verdict === 'resident' && loc.declared)
    ctx.declared?.({ path, destination: loc.how, declaration: loc.declared });
}
