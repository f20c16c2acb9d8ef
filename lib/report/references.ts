import { literalOf, loneResource, markText, render, resolveString } from '../rules/resolve';
import { TemplateScope } from '../rules/types';

/** What a property value points at, as far as synth time tells. */
export type Reference =
  | { readonly kind: 'resource'; readonly stackName: string; readonly logicalId: string; readonly region?: string }
  | { readonly kind: 'literal'; readonly text: string }
  | { readonly kind: 'opaque'; readonly text: string; readonly region?: string };

/**
 * Resolve a value to a resource of the app (a lone `Ref`/`Fn::GetAtt`, possibly through an import), a literal
 * string, or something only known at deploy time (rendered for readers, with its region when one is known).
 */
export function referenceOf(value: unknown, scope: TemplateScope): Reference | undefined {
  const r = resolveString(value, scope);
  if (!r || r.length === 0) return undefined;
  const text = literalOf(r);
  if (text !== undefined) return { kind: 'literal', text };
  const { holes } = markText(r);
  const only = loneResource(r);
  if (only) return { kind: 'resource', stackName: only.stackName, logicalId: only.logicalId, region: only.region };
  const regions = new Set(holes.map((h) => (h.kind === 'attr' ? h.region : undefined)));
  return { kind: 'opaque', text: render(r), region: regions.size === 1 ? [...regions][0] : undefined };
}

/** Region named in an ARN (`arn:partition:service:region:...`), when it is literal. */
export function regionOfArn(arn: string): string | undefined {
  const m = /^arn:[^:]+:[^:]+:([a-z]{2}(?:-[a-z]+)+-\d+):/.exec(arn);
  return m?.[1];
}

/** Tags of a resource as a map, from either the list form (`[{ Key, Value }]`) or the map form. Unresolvable values are skipped. */
export function tagsOf(properties: Record<string, unknown>, scope: TemplateScope): ReadonlyMap<string, string> {
  const out = new Map<string, string>();
  const tags = properties.Tags;
  if (Array.isArray(tags)) {
    for (const t of tags) {
      const key = literalOf(resolveString((t as { Key?: unknown })?.Key, scope));
      const value = literalOf(resolveString((t as { Value?: unknown })?.Value, scope));
      if (key !== undefined && value !== undefined) out.set(key, value);
    }
  } else if (tags !== null && typeof tags === 'object') {
    for (const [k, v] of Object.entries(tags)) {
      const value = literalOf(resolveString(v, scope));
      if (value !== undefined) out.set(k, value);
    }
  }
  return out;
}

/** `a < b` ordering for strings, locale-independent (the same bytes on every machine). */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
