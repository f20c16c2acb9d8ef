import type { DestinationKind } from '../policy/data-paths';
import { Location, locateDestination, recordDeclared } from './locate-destination';
import { ifBranches } from './resolve';
import { ResourceUnderTest, RuleContext } from './types';

type Verdict<V extends Location['verdict']> = Extract<Location, { verdict: V }>;

/** What a rule says of a destination it cannot accept; `value` is the property value (one branch of an `Fn::If`). */
export interface DestinationFindings {
  foreign(loc: Verdict<'foreign'>, value: unknown): string;
  outsideAws(loc: Verdict<'outside-aws'>, value: unknown): string;
  unproven(loc: Verdict<'unproven'>, value: unknown): string;
  /** For a property that must name a destination: the message when it names none. @default - no finding */
  none?(value: unknown): string;
}

/**
 * Judges one destination property the same way for every rule: both branches of an `Fn::If` (either may be
 * deployed), located with `locateDestination`, declared destinations recorded for the reports, and a finding at
 * `path` for whatever is not proven resident.
 */
export function judgeDestination(
  resource: ResourceUnderTest,
  ctx: RuleContext,
  value: unknown,
  kind: DestinationKind,
  path: string,
  findings: DestinationFindings,
): void {
  // An Fn::If the engine did not choose (undeclared condition, too many combinations; condition-variants.ts): judge
  // both.
  const branches = ifBranches(value);
  if (branches) {
    judgeDestination(resource, ctx, branches[0], kind, `${path}.Fn::If[1]`, findings);
    judgeDestination(resource, ctx, branches[1], kind, `${path}.Fn::If[2]`, findings);
    return;
  }
  const loc = locateDestination(value, kind, resource.scope, ctx.options);
  switch (loc.verdict) {
    case 'resident':
      recordDeclared(ctx, path, loc);
      return;
    case 'none':
      if (findings.none) ctx.report({ path, message: findings.none(value) });
      return;
    case 'foreign':
      ctx.report({ path, message: findings.foreign(loc, value) });
      return;
    case 'outside-aws':
      ctx.report({ path, message: findings.outsideAws(loc, value) });
      return;
    case 'unproven':
      ctx.report({ path, message: findings.unproven(loc, value) });
  }
}
