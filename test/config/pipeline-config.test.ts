import { readFileSync } from 'fs';
import { join } from 'path';
import { resolveEnvironments } from '../../lib/config/load';
import { problemsOf } from '../support/config-problems';

const EXAMPLE = join(__dirname, '..', '..', 'config', 'examples', 'three-environments.json');
const exampleFile = () => JSON.parse(readFileSync(EXAMPLE, 'utf8')) as Record<string, any>;

function resolveFile(content: unknown, extra: Record<string, unknown> = {}) {
  return resolveEnvironments({ caResidencyConfigFile: 'envs.json', ...extra }, () => JSON.stringify(content));
}

describe('the pipeline section of the example', () => {
  test('plans one wave per tier in the listed order, with the approval before production only', () => {
    const { pipeline } = resolveEnvironments({ caResidencyConfigFile: EXAMPLE });
    expect(pipeline?.toolingAccountId).toBe('444444444444');
    expect(pipeline?.plannedWaves).toEqual([
      { tier: 'development', environmentNames: ['dev'], approval: false },
      { tier: 'staging', environmentNames: ['staging'], approval: false },
      { tier: 'production', environmentNames: ['prod'], approval: true },
    ]);
  });

  test('enabled false (also as a -c string) keeps the environments and drops the pipeline', () => {
    const resolved = resolveEnvironments({ caResidencyConfigFile: EXAMPLE, 'caResidency.pipeline.enabled': 'false' });
    expect(resolved.configs).toHaveLength(3);
    expect(resolved.pipeline).toBeUndefined();
  });

  test('environments without a tier are grouped by name', () => {
    const config = exampleFile();
    for (const entry of config.environments) delete entry.tier;
    config.pipeline.waves = ['dev', 'staging', 'prod'];
    config.pipeline.approvalBefore = ['prod'];
    expect(resolveFile(config).pipeline?.plannedWaves.map((w) => [w.tier, w.environmentNames])).toEqual([
      ['dev', ['dev']],
      ['staging', ['staging']],
      ['prod', ['prod']],
    ]);
  });
});

describe('a bad pipeline section', () => {
  test('a connection outside ca-central-1 is refused, naming the field and the region found', () => {
    const config = exampleFile();
    config.pipeline.source.connectionArn =
      'arn:aws:codestar-connections:us-east-1:444444444444:connection/00000000-0000-0000-0000-000000000000';
    const problems = problemsOf(() => resolveFile(config));
    expect(problems).toEqual([
      expect.objectContaining({
        path: 'pipeline.source.connectionArn',
        message: expect.stringMatching(/connection is in us-east-1.*runs in ca-central-1/),
      }),
    ]);
  });

  test('a connection in ca-central-1 under either service prefix is accepted', () => {
    for (const prefix of ['codeconnections', 'codestar-connections']) {
      const config = exampleFile();
      config.pipeline.source.connectionArn = `arn:aws:${prefix}:ca-central-1:444444444444:connection/0a1b2c3d-0000-0000-0000-000000000000`;
      expect(resolveFile(config).pipeline?.source).toMatchObject({ kind: 'connection' });
    }
  });

  test('an S3 source is accepted; a source of neither kind is refused with the forms it may take', () => {
    const config = exampleFile();
    config.pipeline.source = { kind: 's3', bucketName: 'clinic-source-444444444444', objectKey: 'source/app.zip' };
    expect(resolveFile(config).pipeline?.source).toEqual(config.pipeline.source);
    config.pipeline.source = { kind: 'github', repository: 'a/b' };
    expect(problemsOf(() => resolveFile(config)).map((p) => p.path)).toEqual(['pipeline.source.kind']);
  });

  test('every problem at once, each with its path: tiers, waves, approvals, account, overrides', () => {
    const config = exampleFile();
    config.environments[1].tier = 'qa';
    config.environments[2].overrides.pipeline = { enabled: false };
    config.pipeline.toolingAccountId = '4444';
    config.pipeline.waves = ['development', 'staging', 'production', 'development'];
    config.pipeline.approvalBefore = ['prod'];
    const paths = problemsOf(() => resolveFile(config)).map((p) => `${p.path}: ${p.message}`);
    expect(paths).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^environments\[1\]\.tier: tier "qa" is not one of pipeline\.waves/),
        expect.stringMatching(/^environments\[2\]\.overrides\.pipeline: one pipeline delivers every environment/),
        expect.stringMatching(/^pipeline\.toolingAccountId: must be a 12-digit AWS account id/),
        expect.stringMatching(/^pipeline\.waves\[1\]: no environment has this tier/),
        expect.stringMatching(/^pipeline\.waves\[3\]: is listed twice/),
        expect.stringMatching(/^pipeline\.approvalBefore\[0\]: is not one of pipeline\.waves/),
      ]),
    );
    expect(paths).toHaveLength(6);
  });

  test('no approval at all is refused: production is never deployed without a person deciding', () => {
    const config = exampleFile();
    config.pipeline.approvalBefore = [];
    expect(problemsOf(() => resolveFile(config)).map((p) => p.path)).toEqual(['pipeline.approvalBefore']);
  });

  test('a pipeline in a single-environment configuration is refused: it deploys an environments list', () => {
    const problems = problemsOf(() => resolveEnvironments({ caResidency: { pipeline: exampleFile().pipeline } }));
    expect(problems.map((p) => p.path)).toEqual(['pipeline']);
  });
});
