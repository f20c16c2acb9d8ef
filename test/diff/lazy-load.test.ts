import { spawnSync } from 'child_process';
import * as path from 'path';

test('cloudformation-diff (and the CloudFormation specification it brings) loads only when a diff compares templates', () => {
  // A fresh process: jest's module registry is not Node's require cache.
  const script = `
    const loaded = () => Object.keys(require.cache).some((k) => k.includes('@aws-cdk/cloudformation-diff'));
    require('./lib/check'); require('./lib/report'); require('./lib/diff');
    const before = loaded();
    require('./lib/diff').destructiveChanges({ Resources: {} }, { Resources: {} });
    process.stdout.write(JSON.stringify([before, loaded()]));`;
  const r = spawnSync(process.execPath, ['--require', 'tsx/cjs', '-e', script], {
    cwd: path.join(__dirname, '..', '..'),
    encoding: 'utf-8',
  });
  expect(r.stderr).toBe('');
  expect(JSON.parse(r.stdout)).toEqual([false, true]);
});
