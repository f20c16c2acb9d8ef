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
  /** CPU time of the synth (user + system): what a busy machine does not inflate as much as wall time. */
  cpuMs: number;
  packsMs: number;
  packsCpuMs: number;
  /** CPU time of each pack's `validate`, by plugin name. */
  packCpuMs: Record<string, number>;
  maxRssMb: number;
}

const cpuNow = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

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

interface PackTimes {
  ms: number;
  cpuMs: number;
  byPack: Record<string, number>;
}

/** Adds the wall and CPU time spent in `validate` to `total`, so the packs' share of the synth can be reported. */
function timed(plugin: IPolicyValidationPlugin, total: PackTimes): IPolicyValidationPlugin {
  const validate = plugin.validate.bind(plugin);
  plugin.validate = (context) => {
    const start = process.hrtime.bigint();
    const cpuStart = cpuNow();
    try {
      return validate(context);
    } finally {
      total.ms += Number(process.hrtime.bigint() - start) / 1e6;
      const cpu = cpuNow() - cpuStart;
      total.cpuMs += cpu;
      total.byPack[plugin.name] = (total.byPack[plugin.name] ?? 0) + cpu;
    }
  };
  return plugin;
}

function child(count: number): void {
  const outdir = mkdtempSync(join(tmpdir(), 'cacr-scale-'));
  try {
    const start = process.hrtime.bigint();
    const cpuStart = cpuNow();
    const { configs, pipeline } = validateOrganisation(environmentsConfig(count));
    const app = new App({ outdir, context: cdkJsonContext() });
    const organisation = buildOrganisation(app, { listed: true, configs, pipeline }, undefined);
    const packs: PackTimes = { ms: 0, cpuMs: 0, byPack: {} };
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
      cpuMs: cpuNow() - cpuStart,
      packsMs: packs.ms,
      packsCpuMs: packs.cpuMs,
      packCpuMs: packs.byPack,
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
    '| environments | stacks | synth wall (s) | synth CPU (s) | packs wall (s) | packs CPU (s) | packs share (CPU) | peak memory (MB) | CPU ms per stack |',
  );
  console.log('|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const r of runs) {
    console.log(
      `| ${r.environments} | ${r.stacks} | ${round(r.wallMs / 1000, 1)} | ${round(r.cpuMs / 1000, 1)} | ${round(r.packsMs / 1000, 1)} | ${round(r.packsCpuMs / 1000, 1)} | ${round((100 * r.packsCpuMs) / r.cpuMs, 1)} % | ${round(r.maxRssMb, 0)} | ${round(r.cpuMs / r.stacks, 0)} |`,
    );
  }
  for (const r of runs)
    console.log(
      `packs' CPU at ${r.environments} environment(s): ${Object.entries(r.packCpuMs)
        .map(([name, ms]) => `${name} ${round(ms / 1000, 2)} s`)
        .join(', ')}`,
    );
  const [a, b] = runs;
  console.log(
    `\nCPU per stack, ${b.environments} vs ${a.environments} environments: ${round(b.cpuMs / b.stacks / (a.cpuMs / a.stacks), 2)}x; wall per stack: ${round(b.wallMs / b.stacks / (a.wallMs / a.stacks), 2)}x (target: at most 1.2x)`,
  );
}

main();
