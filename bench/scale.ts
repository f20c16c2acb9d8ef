#!/usr/bin/env node
/**
 * `npm run bench:scale [-- --quick]`: synthesizes the reference baseline for a small and a large number of
 * environments (5 and 50; 1 and 3 with --quick) with the delivery pipeline that deploys them, each in its own process,
 * with all three packs registered as
 * bin/app.ts does. Prints wall time, peak memory (max RSS), the packs' share of the synth and the cost per stack of
 * the large run relative to the small one, all measured in this run. The full run takes minutes: run it once.
 */
import { spawnSync } from 'child_process';
import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { App, IPolicyValidationPlugin, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks, HIPAASecurityChecks } from 'cdk-nag';
import { DEFAULT_CONFIG } from '../lib/config/defaults';
import { validateOrganisation } from '../lib/config/environments';
import { CanadianResidencyChecks } from '../lib/nag';
import { buildOrganisation } from '../lib/stacks/organisation';
import { cdkJsonContext } from '../test/support/cdk-app';
import { round } from './stats';

interface ScaleRun {
  environments: number;
  stacks: number;
  wallMs: number;
  packsMs: number;
  maxRssMb: number;
}

const TIERS = ['development', 'staging', 'production'];

/**
 * `count` environments in distinct accounts, sharing the embedded default with one alert subscriber declared, spread
 * over three tiers, delivered by the pipeline (tooling account, approval before production).
 */
function environmentsConfig(count: number) {
  const { accountId: _a, environmentName: _e, ...shared } = DEFAULT_CONFIG;
  return {
    ...shared,
    alerts: { ...shared.alerts, critical: { emails: ['oncall@example.ca'], httpsEndpoints: [] } },
    declaredDestinations: [
      {
        destination: 'oncall@example.ca',
        region: 'ca-central-1',
        reason: 'Benchmark placeholder: a mailbox hosted in Canada.',
      },
    ],
    environments: Array.from({ length: count }, (_, i) => ({
      name: `env${i}`,
      accountId: String(100000000000 + i),
      tier: TIERS[i % TIERS.length],
    })),
    pipeline: {
      enabled: true,
      toolingAccountId: '999999999999',
      source: {
        kind: 'connection',
        connectionArn:
          'arn:aws:codeconnections:ca-central-1:999999999999:connection/00000000-0000-0000-0000-000000000000',
        repository: 'example-health/cdk-ca-residency',
        branch: 'main',
      },
      waves: TIERS.slice(0, Math.min(count, TIERS.length)),
      approvalBefore: [TIERS[Math.min(count, TIERS.length) - 1]],
    },
  };
}

/** Adds the time spent in `validate` to `total.ms`, so the packs' share of the synth can be reported. */
function timed(plugin: IPolicyValidationPlugin, total: { ms: number }): IPolicyValidationPlugin {
  const validate = plugin.validate.bind(plugin);
  plugin.validate = (context) => {
    const start = process.hrtime.bigint();
    try {
      return validate(context);
    } finally {
      total.ms += Number(process.hrtime.bigint() - start) / 1e6;
    }
  };
  return plugin;
}

function child(count: number): void {
  const outdir = mkdtempSync(join(tmpdir(), 'cacr-scale-'));
  try {
    const start = process.hrtime.bigint();
    const { configs, pipeline } = validateOrganisation(environmentsConfig(count));
    const app = new App({ outdir, context: cdkJsonContext() });
    const organisation = buildOrganisation(app, { listed: true, configs, pipeline }, undefined);
    const packs = { ms: 0 };
    const residency = new CanadianResidencyChecks(app, {
      printSummary: false,
      declaredDestinations: configs[0].declaredDestinations,
    });
    Validations.of(app).addPlugins(
      ...[residency, new AwsSolutionsChecks(app), new HIPAASecurityChecks(app)].map((p) => timed(p, packs)),
    );
    app.synth();
    const run: ScaleRun = {
      environments: count,
      // Recovery and primary per environment, plus the pipeline and its ca-west-1 support stack.
      stacks: organisation.stages.length * 2 + (organisation.pipeline ? 2 : 0),
      wallMs: Number(process.hrtime.bigint() - start) / 1e6,
      packsMs: packs.ms,
      maxRssMb: process.resourceUsage().maxRSS / 1024,
    };
    process.stdout.write(JSON.stringify(run));
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

function measure(count: number): ScaleRun {
  const result = spawnSync(process.execPath, ['--import', 'tsx', __filename, '--child', String(count)], {
    cwd: join(__dirname, '..'),
    encoding: 'utf8',
    env: { ...process.env, NODE_ENV: 'bench' },
    maxBuffer: 16 * 1024 * 1024,
  });
  if (result.status !== 0)
    throw new Error(`synth of ${count} environment(s) failed (exit ${result.status}):\n${result.stderr.slice(-2000)}`);
  return JSON.parse(result.stdout.trim().split('\n').pop()!) as ScaleRun;
}

function main(): void {
  const childAt = process.argv.indexOf('--child');
  if (childAt >= 0) return child(Number(process.argv[childAt + 1]));
  const [small, large] = process.argv.includes('--quick') ? [1, 3] : [5, 50];
  const runs = [measure(small), measure(large)];
  console.log(
    '| environments | stacks | synth wall time (s) | packs (s) | packs share | peak memory (MB) | ms per stack |',
  );
  console.log('|---:|---:|---:|---:|---:|---:|---:|');
  for (const r of runs) {
    console.log(
      `| ${r.environments} | ${r.stacks} | ${round(r.wallMs / 1000, 1)} | ${round(r.packsMs / 1000, 1)} | ${round((100 * r.packsMs) / r.wallMs, 1)} % | ${round(r.maxRssMb, 0)} | ${round(r.wallMs / r.stacks, 0)} |`,
    );
  }
  const [a, b] = runs;
  console.log(
    `\ncost per stack, ${b.environments} vs ${a.environments} environments: ${round(b.wallMs / b.stacks / (a.wallMs / a.stacks), 2)}x (target: at most 1.2x)`,
  );
}

main();
