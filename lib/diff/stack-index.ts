import { TemplateUnderTest } from '../rules/types';

/** Stacks are matched across the two assemblies by name and environment (account and region). */
export function stackKey(t: {
  readonly stackName: string;
  readonly account?: string;
  readonly region?: string;
}): string {
  return [t.stackName, t.account ?? '', t.region ?? ''].join('\u0000');
}

interface IndexedStack {
  readonly key: string;
  readonly stackName: string;
  readonly region?: string;
  readonly logicalIds: ReadonlySet<string>;
  /** `aws:cdk:path` of each resource. */
  readonly paths: readonly string[];
}

/**
 * Which stacks of one assembly a finding, exemption or acknowledgement is about. The report lists those app-wide;
 * the diff shows them under their stacks, matched by stack name and region, `stack/logicalId`, logical id or
 * construct path (a scope inside the stack, or an ancestor of it). What names no stack of the assembly (an
 * exemption for a resource that is not there, an acknowledgement on the app) belongs to every stack: the pack's
 * options travel in every stack's template.
 */
export class StackIndex {
  private readonly stacks: IndexedStack[];

  constructor(templates: readonly TemplateUnderTest[]) {
    this.stacks = templates.map((t) => {
      const resources = t.template.Resources ?? {};
      const paths = Object.values(resources)
        .map((r) => r?.Metadata?.['aws:cdk:path'])
        .filter((p): p is string => typeof p === 'string');
      return {
        key: stackKey(t),
        stackName: t.stackName,
        region: t.region,
        logicalIds: new Set(Object.keys(resources)),
        paths,
      };
    });
  }

  /** Stacks named so, in that region. */
  byName(stackName: string, region: string | undefined): string[] {
    return this.stacks.filter((s) => s.stackName === stackName && s.region === region).map((s) => s.key);
  }

  /** Stacks a `stack/logicalId`, logical id or construct path designates (possibly none). */
  byReference(ref: string): string[] {
    if (ref === '') return this.stacks.map((s) => s.key);
    const slash = ref.indexOf('/');
    const exact =
      slash > 0
        ? this.stacks.filter((s) => s.stackName === ref.slice(0, slash) && s.logicalIds.has(ref.slice(slash + 1)))
        : [];
    if (exact.length > 0) return exact.map((s) => s.key);
    return this.stacks
      .filter(
        (s) =>
          s.logicalIds.has(ref) || s.paths.some((p) => p === ref || p.startsWith(`${ref}/`) || ref.startsWith(`${p}/`)),
      )
      .map((s) => s.key);
  }

  /** Stacks any of the references designates; every stack when none does. */
  owning(refs: readonly string[]): string[] {
    const found = new Set(refs.flatMap((r) => this.byReference(r)));
    return found.size > 0 ? [...found] : this.stacks.map((s) => s.key);
  }
}
