import { ResidencyDiff } from './model';

/** `--format json`: the model as is (documented in the README), two-space indented, ending with a newline. */
export function renderDiffJson(diff: ResidencyDiff): string {
  return `${JSON.stringify(diff, null, 2)}\n`;
}
