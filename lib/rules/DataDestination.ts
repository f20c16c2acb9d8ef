import { DATA_PATHS, DataPath, pathSegments, topKeyOf } from '../policy/data-paths';
import { conditionHolds } from './encryption-helpers';
import { judgeDestination } from './judge-destination';
import { allowedList } from './region-check';
import { ResourceRule, ResourceUnderTest, RuleContext } from './types';
import { ownEntry } from '../policy/own-entry';
import { remember } from '../policy/bounded-cache';
import { isIntrinsic, isNoValue } from '../policy/cfn-intrinsic';

/** A catalogued path with its segments split once, and the top-level property every leaf of it lies under. */
interface SplitPath {
  readonly dataPath: DataPath;
  readonly segments: readonly string[];
  readonly topKey: string;
}

/** Catalogued paths of a type, without those a dedicated rule judges; split on first use (an app uses few types). */
const SPLIT_PATHS = new Map<string, readonly SplitPath[]>();

function pathsOf(type: string): readonly SplitPath[] {
  let paths = SPLIT_PATHS.get(type);
  if (!paths) {
    paths = (ownEntry(DATA_PATHS, type) ?? [])
      .filter((p) => p.judgedBy === undefined)
      .map((dataPath) => {
        const segments = pathSegments(dataPath.path);
        return { dataPath, segments, topKey: topKeyOf(dataPath.path) };
      });
    remember(SPLIT_PATHS, type, paths);
  }
  return paths;
}

/**
 * CaResidency-DataDestination: every place a resource sends, copies or delivers data to (catalogued in
 * lib/policy/data-paths.ts) is located in an allowed region: a resource of the app, an ARN or AWS endpoint host
 * of an allowed region, or a destination the user declared. Destinations outside AWS or whose location cannot be
 * proven fail closed.
 */
export const DataDestinationsAreResident: ResourceRule = {
  id: 'CaResidency-DataDestination',
  category: 'residency',
  severity: 'fatal',
  summary: 'Every destination data is sent, copied or delivered to is located in an allowed region.',
  resourceTypes: Object.keys(DATA_PATHS).filter((type) => DATA_PATHS[type].some((p) => p.judgedBy === undefined)),
  check(resource, ctx) {
    const props = resource.properties;
    // Properties written out as an object (not an intrinsic): a path whose top-level property is absent has no leaf.
    let plain: boolean | undefined;
    for (const { dataPath, segments, topKey } of pathsOf(resource.type)) {
      if (props[topKey] === undefined && (plain ??= isPlainObject(props))) continue;
      for (const leaf of leavesAt(props, segments, 'Properties', [])) {
        if (dataPath.when && !whenHolds(resource, dataPath.when, leaf.indices)) continue;
        if (leaf.notLiteral) {
          ctx.report({
            path: leaf.path,
            message: `${resource.type} ${resource.logicalId} ${leaf.path} is not a literal list or object (${JSON.stringify(leaf.value)}), so where its ${dataPath.carries} go cannot be checked. Write it out.`,
          });
          continue;
        }
        judge(resource, ctx, dataPath, leaf.value, leaf.path);
      }
    }
  },
};

function judge(resource: ResourceUnderTest, ctx: RuleContext, dataPath: DataPath, value: unknown, path: string): void {
  const where = `${resource.type} ${resource.logicalId} sends ${dataPath.carries} (${path})`;
  const allowed = allowedList(ctx.options.allowedRegions);
  judgeDestination(resource, ctx, value, dataPath.kind, path, {
    // A region property names only the region; anything else names a destination located in one.
    foreign: (loc) =>
      `${where} to ${dataPath.kind === 'region' ? '' : `${loc.how} in `}region '${loc.region}', outside Canada. Send it to a destination in ${allowed}.`,
    outsideAws: (loc) =>
      `${where} to ${loc.what}, outside AWS, whose location cannot be proven. Send it to a destination in ${allowed}, or declare it in declaredDestinations (destination, region, reason) if it is known to be in Canada.`,
    unproven: (loc) =>
      `${where} to '${loc.what}', whose location cannot be proven: ${loc.why}. Point it at a resource of this app in ${allowed}, or declare it in declaredDestinations (destination, region, reason).`,
  });
}

interface Leaf {
  readonly value: unknown;
  readonly path: string;
  /** List indices taken on the way, for `when` properties under the same lists. */
  readonly indices: readonly number[];
  /** A list or object was expected here but the value is an intrinsic that cannot be walked. */
  readonly notLiteral?: boolean;
}

/** An object that is not an intrinsic (nor a list). */
function isPlainObject(v: unknown): boolean {
  return v !== null && typeof v === 'object' && !Array.isArray(v) && !isIntrinsic(v);
}

/**
 * Values at a catalogue path. The engine has chosen the branches of `Fn::If` where it could; one it did not choose (a
 * condition the template does not declare, too many combinations; see condition-variants.ts) has both followed.
 */
function leavesAt(value: unknown, segments: readonly string[], path: string, indices: readonly number[]): Leaf[] {
  if (value === undefined || isNoValue(value)) return [];
  if (isIntrinsic(value) && 'Fn::If' in value) {
    const args = value['Fn::If'];
    if (Array.isArray(args) && args.length === 3) {
      return [
        ...leavesAt(args[1], segments, `${path}.Fn::If[1]`, indices),
        ...leavesAt(args[2], segments, `${path}.Fn::If[2]`, indices),
      ];
    }
  }
  if (segments.length === 0) return [{ value, path, indices }];
  const [head, ...rest] = segments;
  const keyed = /^(.+)\[Key=(.+)\]$/.exec(head);
  const list = head.endsWith('[]') || keyed !== null;
  const key = keyed ? keyed[1] : list ? head.slice(0, -2) : head;
  const isMap = key.endsWith('{}');
  if (isIntrinsic(value)) return [{ value, path, indices, notLiteral: true }];
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return [];
  const obj = value as Record<string, unknown>;
  if (isMap) {
    // Every entry of a map (e.g. one log type per key).
    const base = obj[key.slice(0, -2)];
    if (base === undefined) return [];
    if (isIntrinsic(base) || typeof base !== 'object' || base === null)
      return [{ value: base, path: `${path}.${key.slice(0, -2)}`, indices, notLiteral: true }];
    return Object.entries(base).flatMap(([k, v]) => {
      const at = `${path}.${key.slice(0, -2)}.${k}`;
      // `{}[]`: every element of every list in the map (e.g. AppConfig extension actions per action point).
      return list ? leavesOfList(v, rest, at, indices, keyed?.[2]) : leavesAt(v, rest, at, indices);
    });
  }
  const at = `${path}.${key}`;
  return list ? leavesOfList(obj[key], rest, at, indices, keyed?.[2]) : leavesAt(obj[key], rest, at, indices);
}

/**
 * Values at `rest` under every element of the list at `path` (absent or `AWS::NoValue`: no element; a list the engine
 * left as an `Fn::If` is not a literal list). `keyValue` (`[Key=k]`) keeps only the entries of a key/value list whose
 * Key is k (an entry whose Key is not literal is skipped).
 */
function leavesOfList(
  list: unknown,
  rest: readonly string[],
  path: string,
  indices: readonly number[],
  keyValue: string | undefined,
): Leaf[] {
  if (list === undefined || isNoValue(list)) return [];
  if (!Array.isArray(list)) return [{ value: list, path, indices, notLiteral: true }];
  return list.flatMap((item, i) =>
    keyValue !== undefined && (item as { Key?: unknown } | null)?.Key !== keyValue
      ? []
      : leavesAt(item, rest, `${path}[${i}]`, [...indices, i]),
  );
}

/** Does the `when` condition hold? A value that cannot be resolved holds (fail closed). */
function whenHolds(
  resource: ResourceUnderTest,
  when: NonNullable<DataPath['when']>,
  indices: readonly number[],
): boolean {
  let i = 0;
  const concrete = when.property.replace(/\[\]/g, () => `[${indices[i++] ?? 0}]`);
  return conditionHolds(resource.properties, { property: concrete, values: when.values }, resource.scope);
}
