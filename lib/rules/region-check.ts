import { looksLikeRegion, REGIONAL_ENDPOINT_HOST } from '../policy/regions';
import { Hole, holesIn, markText, Resolved, renderMarked } from './resolve';

/** Verdict on a piece of text that should name a region. */
export type RegionVerdict =
  | { readonly verdict: 'allowed' | 'not-a-region' }
  | { readonly verdict: 'foreign'; readonly region: string }
  | { readonly verdict: 'unresolved'; readonly reasons: string[] };

/** Judge marked text (see `markText`) that sits where a region belongs. */
export function judgeRegionText(text: string, holes: readonly Hole[], allowed: readonly string[]): RegionVerdict {
  const found = holesIn(text, holes);
  if (found.length === 0) {
    if (text === '' || !looksLikeRegion(text)) return { verdict: 'not-a-region' };
    return allowed.includes(text) ? { verdict: 'allowed' } : { verdict: 'foreign', region: text };
  }
  const stripped = text.replace(/\u0000\d+\u0000/g, '');
  // A parameter whose AllowedValues are all regions: judged on every value it can take.
  const only = found.length === 1 && stripped === '' ? found[0] : undefined;
  if (only?.kind === 'unresolved' && only.allowedValues && only.allowedValues.every(looksLikeRegion)) {
    const foreign = only.allowedValues.find((v) => !allowed.includes(v));
    return foreign === undefined ? { verdict: 'allowed' } : { verdict: 'foreign', region: foreign };
  }
  const reasons = found.filter((h) => h.kind === 'unresolved').map((h) => (h.kind === 'unresolved' ? h.reason : ''));
  if (reasons.length > 0) return { verdict: 'unresolved', reasons };
  // A value taken from a resource (Ref/GetAtt) lives where that resource's stack lives.
  if (found.length === 1 && stripped === '') {
    const h = found[0];
    if (h.kind === 'attr' && h.region && !allowed.includes(h.region)) return { verdict: 'foreign', region: h.region };
    return { verdict: 'allowed' };
  }
  return { verdict: 'unresolved', reasons: [`region '${renderMarked(text, holes)}' mixes text and references`] };
}

/** Judge a whole resolved value that should be a region. */
export function judgeRegionValue(r: Resolved, allowed: readonly string[]): RegionVerdict {
  const { text, holes } = markText(r);
  return judgeRegionText(text, holes, allowed);
}

export interface ArnRegion {
  /** The ARN as found, rendered for messages. */
  readonly arn: string;
  readonly service: string;
  readonly verdict: RegionVerdict;
}

const ARN = /arn:([^:\s"',]*):([^:\s"',]*):([^:\s"',]*):/g;

/** Every ARN in marked text with the verdict on its region field (ARNs without a region are skipped). */
export function arnRegions(text: string, holes: readonly Hole[], allowed: readonly string[]): ArnRegion[] {
  if (!text.includes('arn:')) return [];
  const out: ArnRegion[] = [];
  for (const m of text.matchAll(ARN)) {
    const region = m[3];
    if (region === '' || region === '*') continue;
    const verdict = judgeRegionText(region, holes, allowed);
    if (verdict.verdict === 'allowed' || verdict.verdict === 'not-a-region') continue;
    const end = text.slice(m.index).search(/[\s"',]|$/);
    out.push({ arn: renderMarked(text.slice(m.index, (m.index ?? 0) + end), holes), service: m[2], verdict });
  }
  return out;
}

/** Every regional AWS endpoint host in literal text whose region is not allowed. */
export function foreignEndpointHosts(text: string, allowed: readonly string[]): { host: string; region: string }[] {
  if (!text.includes('amazonaws.com')) return [];
  const out: { host: string; region: string }[] = [];
  for (const m of text.matchAll(REGIONAL_ENDPOINT_HOST)) {
    if (!allowed.includes(m[1])) out.push({ host: m[0].replace(/^[.-]+/, ''), region: m[1] });
  }
  return out;
}

const JSON_REGION = /"(?:region|Region|REGION|regionName|RegionName)"\s*:\s*"([a-z0-9-]+)"/g;

/** Regions named as `"region": "..."` inside JSON carried in a string (custom resource SDK calls, state machines). */
export function foreignJsonRegions(text: string, allowed: readonly string[]): string[] {
  if (!/egion/.test(text)) return [];
  const out: string[] = [];
  for (const m of text.matchAll(JSON_REGION)) {
    if (looksLikeRegion(m[1]) && !allowed.includes(m[1])) out.push(m[1]);
  }
  return out;
}

/** Short fix hint for a foreign region. */
export function allowedList(allowed: readonly string[]): string {
  return allowed.join(' or ');
}
