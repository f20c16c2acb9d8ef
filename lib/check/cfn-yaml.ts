import { parseDocument, ScalarTag, CollectionTag, YAMLMap, YAMLSeq } from 'yaml';

/**
 * CloudFormation YAML: the short-form intrinsic tags (`!Ref x`, `!Sub '...'`, `!GetAtt A.B`, `!If [...]`, ...)
 * in scalar, sequence and mapping form, turned into their JSON form (`{ "Ref": "x" }`, `{ "Fn::Sub": ... }`).
 */

/** Tag name → JSON key. */
const FUNCTIONS: Record<string, string> = {
  Ref: 'Ref',
  Condition: 'Condition',
};
for (const fn of [
  'And', 'Base64', 'Cidr', 'Contains', 'EachMemberEquals', 'EachMemberIn', 'Equals', 'FindInMap', 'GetAtt', 'GetAZs',
  'If', 'ImportValue', 'Join', 'Length', 'Not', 'Or', 'RefAll', 'Select', 'Split', 'Sub', 'ToJsonString', 'Transform',
  'ValueOf', 'ValueOfAll',
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

const CUSTOM_TAGS = Object.entries(FUNCTIONS).flatMap(([name, key]) => tagsFor(name, key));

/** Parse CloudFormation YAML; throws an Error with a one-line message (first parse error) when it is not valid. */
export function parseCfnYaml(text: string): unknown {
  const doc = parseDocument(text, { customTags: CUSTOM_TAGS, prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) {
    // With prettyErrors the first line reads "<problem> at line L, column C:"; the rest is a source excerpt.
    throw new Error(doc.errors[0].message.split('\n')[0].replace(/:$/, ''));
  }
  return doc.toJS({ maxAliasCount: 1000 });
}
