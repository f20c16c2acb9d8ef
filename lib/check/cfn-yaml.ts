import type { CollectionTag, Document, ScalarTag, YAMLMap, YAMLSeq } from 'yaml';

/**
 * CloudFormation YAML: the short-form intrinsic tags (`!Ref x`, `!Sub '...'`, `!GetAtt A.B`, `!If [...]`, ...)
 * in scalar, sequence and mapping form, turned into their JSON form (`{ "Ref": "x" }`, `{ "Fn::Sub": ... }`).
 * Read from untrusted input: linear in the size of the text, duplicate keys and unknown tags refused, nesting bounded.
 */

/** Tag name → JSON key. */
const FUNCTIONS: Record<string, string> = {
  Ref: 'Ref',
  Condition: 'Condition',
};
for (const fn of [
  'And',
  'Base64',
  'Cidr',
  'Contains',
  'EachMemberEquals',
  'EachMemberIn',
  'Equals',
  'FindInMap',
  'GetAtt',
  'GetAZs',
  'If',
  'ImportValue',
  'Join',
  'Length',
  'Not',
  'Or',
  'RefAll',
  'Select',
  'Split',
  'Sub',
  'ToJsonString',
  'Transform',
  'ValueOf',
  'ValueOfAll',
]) {
  FUNCTIONS[fn] = `Fn::${fn}`;
}

/** `!GetAtt Resource.Attribute` (scalar form): the attribute may itself contain dots (`Endpoint.Address`). */
function getAttScalar(value: string): unknown {
  const dot = value.indexOf('.');
  return dot < 0 ? [value] : [value.slice(0, dot), value.slice(dot + 1)];
}

function tagsFor(name: string, key: string): (ScalarTag | CollectionTag)[] {
  const tag = `!${name}`;
  const scalar: ScalarTag = {
    tag,
    resolve: (value: string) => ({ [key]: name === 'GetAtt' ? getAttScalar(value) : value }),
  };
  const seq: CollectionTag = {
    tag,
    collection: 'seq',
    resolve: (value) => ({ [key]: (value as YAMLSeq).toJSON() }),
  };
  const map: CollectionTag = {
    tag,
    collection: 'map',
    resolve: (value) => ({ [key]: (value as YAMLMap).toJSON() }),
  };
  return [scalar, seq, map];
}

type YamlModule = typeof import('yaml');
let loaded: { yaml: YamlModule; tags: (ScalarTag | CollectionTag)[] } | undefined;

/** The `yaml` package, loaded on the first YAML document only: checking JSON templates never pays for it. */
function yamlModule(): { yaml: YamlModule; tags: (ScalarTag | CollectionTag)[] } {
  loaded ??= {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    yaml: require('yaml') as YamlModule,
    tags: Object.entries(FUNCTIONS).flatMap(([name, key]) => tagsFor(name, key)),
  };
  return loaded;
}

/**
 * Refuse duplicate keys (a Set per mapping: linear, where the parser's own `uniqueKeys` compares every pair) and
 * nesting deeper than `maxDepth`, walking the document without recursion.
 */
function assertStructure(yaml: YamlModule, doc: Document, maxDepth: number): void {
  const nodes: unknown[] = [doc.contents];
  const depths: number[] = [1];
  while (nodes.length > 0) {
    const node = nodes.pop();
    const depth = depths.pop()!;
    if (!yaml.isCollection(node)) continue;
    if (depth > maxDepth) throw new Error(`nested deeper than ${maxDepth} levels${lineOf(node)}`);
    const push = (child: unknown) => {
      nodes.push(child);
      depths.push(depth + 1);
    };
    if (yaml.isSeq(node)) {
      node.items.forEach(push);
      continue;
    }
    const seen = new Set<string>();
    for (const pair of node.items) {
      const k = pair.key;
      const key = yaml.isScalar(k) ? String(k.value) : JSON.stringify(yaml.isNode(k) ? k.toJSON() : k);
      if (seen.has(key)) throw new Error(`duplicate key "${key.slice(0, 80)}"${lineOf(k)}`);
      seen.add(key);
      push(pair.value);
    }
  }
}

/** Where a node starts, as " at line L" (line counted from its offset only when an error is reported). */
let currentText = '';
function lineOf(node: unknown): string {
  const offset = (node as { range?: [number, number, number] } | null)?.range?.[0];
  if (offset === undefined) return '';
  let line = 1;
  for (let i = currentText.indexOf('\n'); i >= 0 && i < offset; i = currentText.indexOf('\n', i + 1)) line++;
  return ` at line ${line}`;
}

/**
 * Parse CloudFormation YAML; throws an Error with a one-line message when it is not valid: the first parse error,
 * a duplicate key, an unknown tag (named), or nesting deeper than `maxDepth`.
 */
export function parseCfnYaml(text: string, maxDepth = 256): unknown {
  const { yaml, tags } = yamlModule();
  const doc = yaml.parseDocument(text, { customTags: tags, prettyErrors: true, uniqueKeys: false });
  if (doc.errors.length > 0) {
    // With prettyErrors the first line reads "<problem> at line L, column C:"; the rest is a source excerpt.
    throw new Error(doc.errors[0].message.split('\n')[0].replace(/:$/, ''));
  }
  // An unknown tag would otherwise be read as a plain string: a misspelt intrinsic judged as a literal.
  const unresolved = doc.warnings.find((w) => w.code === 'TAG_RESOLVE_FAILED');
  if (unresolved) throw new Error(unresolved.message.split('\n')[0].replace(/:$/, ''));
  currentText = text;
  try {
    assertStructure(yaml, doc, maxDepth);
  } finally {
    currentText = '';
  }
  return doc.toJS({ maxAliasCount: 1000 });
}
