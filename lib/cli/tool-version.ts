import * as fs from 'fs';
import * as path from 'path';

/** The package's version (printed by --version and in SARIF), from the nearest package.json above this file. */
export function toolVersion(): string {
  // lib/cli when run from source, dist/lib/cli when compiled, dist/bin in the bundled command.
  for (let dir = __dirname, up = 0; up < 4; dir = path.dirname(dir), up++) {
    try {
      const v = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf-8'));
      if (v.name === 'cdk-ca-residency' && typeof v.version === 'string') return v.version;
    } catch {
      // try the directory above
    }
  }
  return '0.0.0';
}
