import * as path from 'path';
import { parseCfnYaml } from './cfn-yaml';
import { CheckInputError } from './input-error';
import { parseStrictJson } from './json-document';
import { readLimits, ReadLimits } from './read-limits';

/**
 * The format of a document: `.json` is JSON and `.yaml`/`.yml` YAML, whatever they start with (flow-style YAML may
 * start with `{`); any other name is JSON when it starts with `{`, else YAML.
 */
function formatOf(file: string, text: string): 'json' | 'yaml' | 'json-or-yaml' {
  const ext = path.extname(file).toLowerCase();
  if (ext === '.json') return 'json';
  if (ext === '.yaml' || ext === '.yml') return 'yaml';
  // A regex rather than trimStart(): no copy of a multi-megabyte text just to look at its first character.
  return /^\s*\{/.test(text) ? 'json-or-yaml' : 'yaml';
}

function oneLine(e: unknown): string {
  const message = (e as Error).message ?? String(e);
  // Deep nesting can exhaust a parser's stack before our depth bound applies: say what it means.
  return /Maximum call stack size exceeded/.test(message) ? 'nested too deeply to read' : message;
}

/**
 * Parse the text of an untrusted JSON or YAML document (a template, a manifest, an options file). Duplicate keys,
 * unknown YAML tags and nesting deeper than the limit are refused. Every failure is a CheckInputError naming `label`.
 */
export function parseDocumentText(text: string, file: string, label: string, limits: ReadLimits = {}): unknown {
  const { maxDocumentDepth } = readLimits(limits);
  const format = formatOf(file, text);
  if (format !== 'yaml') {
    try {
      return parseStrictJson(text, maxDocumentDepth);
    } catch (e) {
      if (format === 'json' || !(e instanceof SyntaxError))
        throw new CheckInputError(`${label}: not valid JSON: ${oneLine(e)}`);
      // Starts with `{` but is not JSON: flow-style YAML is still YAML.
    }
  }
  try {
    return parseCfnYaml(text, maxDocumentDepth);
  } catch (e) {
    throw new CheckInputError(`${label}: not valid ${format === 'yaml' ? 'YAML' : 'JSON or YAML'}: ${oneLine(e)}`);
  }
}
