import { readFileSync } from 'fs';
import { join } from 'path';
import { readInputs, render, runCheck } from '../lib/check';
import { median, medianMs } from './stats';

export interface CheckThroughput {
  size: number;
  resources: number;
  checkMs: number;
  floorMs: number;
  resourcesPerSecond: number;
}

/** The least any checker must do: read every stack template named in the manifest and JSON.parse it. */
function readAndParse(assemblyDir: string): number {
  const manifest = JSON.parse(readFileSync(join(assemblyDir, 'manifest.json'), 'utf8')) as { artifacts: Record<string, { type: string; properties?: { templateFile?: string } }> };
  let resources = 0;
  for (const artifact of Object.values(manifest.artifacts)) {
    if (artifact.type !== 'aws:cloudformation:stack' || !artifact.properties?.templateFile) continue;
    const template = JSON.parse(readFileSync(join(assemblyDir, artifact.properties.templateFile), 'utf8')) as { Resources?: object };
    resources += Object.keys(template.Resources ?? {}).length;
  }
  return resources;
}

/**
 * `check` end to end as the CLI runs it (read the assembly, evaluate, render JSON) against the floor. The two are
 * timed alternately, run after run, so that a busy moment of the machine weighs on both alike.
 */
export function checkThroughput(assemblyDir: string, size: number, runs: number): CheckThroughput {
  const resources = readAndParse(assemblyDir);
  const check = () => render(runCheck(readInputs([assemblyDir], undefined, process.cwd())), 'json', false, 'bench');
  for (let i = 0; i < 3; i++) {
    readAndParse(assemblyDir);
    check();
  }
  const floorSamples: number[] = [];
  const checkSamples: number[] = [];
  for (let i = 0; i < runs; i++) {
    floorSamples.push(medianMs(1, () => readAndParse(assemblyDir)));
    checkSamples.push(medianMs(1, check));
  }
  const checkMs = median(checkSamples);
  return { size, resources, checkMs, floorMs: median(floorSamples), resourcesPerSecond: resources / (checkMs / 1000) };
}
