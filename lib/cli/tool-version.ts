import * as fs from 'fs';
import * as path from 'path';

/** The package's version (printed by --version and in SARIF), from package.json found above this file. */
export function toolVersion(): string {
  // lib/cli when run from source, dist/lib/cli when compiled.
  for (const up of ['../..', '../../..']) {
    try {
      const v = JSON.parse(fs.readFileSync(path.join(__dirname, up, 'package.json'), 'utf-8'));
      if (v.name === 'cdk-ca-residency' && typeof v.version === 'string') return v.version;
    } catch {
      // try the next location
    }
  }
  return '0.0.0';
}
