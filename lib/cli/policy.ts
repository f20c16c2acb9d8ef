import * as fs from 'fs';
import * as path from 'path';
import { oneOf, parseCommandLine } from './args';
import { CliError } from './cli-error';
import { assertOutputWritable, writeOutput } from './output';
import { Subcommand } from './subcommand';

const USAGE = `Usage: ca-residency policy scp|rcp [name] [options]

Prints the organisation guardrails of the residency policy: the same documents the guardrails stack deploys
(AWS::Organizations::Policy), for organisations that manage their policies with another tool.

  scp   the service control policies: region-deny (every action outside the allowed regions, except the
        global control-plane actions) and baseline-protection (trail, flow logs, backup vaults and recovery
        points, residency keys, leaving the organisation); both exempt only the break-glass role
  rcp   the resource control policy data-perimeter: S3, KMS, SQS and Secrets Manager refuse requests without
        TLS and from principals outside the organisation

Without a name, scp prints both SCPs as one JSON object keyed by name; with a name (region-deny,
baseline-protection) it prints that document alone, ready for an SCP.

Options:
  --config FILE               a cdk-ca-residency JSON configuration (as -c caResidencyConfigFile=FILE): the
                              policies follow its recovery region, guardrails section and resource prefix
                              (default: the built-in configuration)
  --organization-id ID        the organisation the RCP admits (o-...; overrides guardrails.organizationId)
  --break-glass-role NAME     the only exempt role (overrides guardrails.breakGlassRoleName)
  --format json|compact       json (default) indented; compact: as AWS stores and counts it (5,120 characters max)
  --output FILE               write to FILE instead of stdout (whole or not at all)
  -h, --help                  show this help

Exit status: 0 printed; 2 usage, configuration or output error.
`;

export const POLICY_FORMATS = ['json', 'compact'] as const;
const KINDS = ['scp', 'rcp'] as const;

export const policyCommand: Subcommand = {
  name: 'policy',
  summary: 'print the guardrail SCPs (region deny, baseline protection) or the RCP (data perimeter) as JSON',
  usage: USAGE,
  async run(argv, io) {
    const { values, positionals } = parseCommandLine('policy', argv, {
      config: { type: 'string' },
      'organization-id': { type: 'string' },
      'break-glass-role': { type: 'string' },
      format: { type: 'string', default: 'json' },
      output: { type: 'string' },
    });
    const [kindArg, name, ...extra] = positionals;
    if (kindArg === undefined) throw new CliError('policy needs scp or rcp (see ca-residency policy --help)');
    const kind = oneOf('policy', kindArg, KINDS);
    if (extra.length > 0)
      throw new CliError(`policy ${kind} takes at most one policy name, got ${positionals.length - 1}`);
    const format = oneOf('--format', values.format, POLICY_FORMATS);
    assertOutputWritable(values.output, io.cwd);

    // Loaded here so that check, report and verify never pay for the config schema.
    const [
      { resolveConfig, CONFIG_FILE_CONTEXT_KEY },
      { ConfigError },
      { DEFAULT_CONFIG },
      { guardrailPolicyOptions },
      policies,
    ] = await Promise.all([
      import('../config/load'),
      import('../config/config-error'),
      import('../config/defaults'),
      import('../config/guardrails'),
      import('../policy/guardrail-policies'),
    ]);
    let config = DEFAULT_CONFIG;
    if (values.config !== undefined) {
      try {
        config = resolveConfig({ [CONFIG_FILE_CONTEXT_KEY]: values.config }, (file) =>
          fs.readFileSync(path.resolve(io.cwd, file), 'utf8'),
        );
      } catch (e) {
        if (e instanceof ConfigError) throw new CliError(e.message.replace(/\n/g, ' '));
        throw e;
      }
    }
    const options = {
      ...guardrailPolicyOptions(config),
      ...(values['organization-id'] !== undefined ? { organizationId: values['organization-id'] } : {}),
      ...(values['break-glass-role'] !== undefined ? { breakGlassRoleName: values['break-glass-role'] } : {}),
    };

    let document: unknown;
    try {
      if (kind === 'rcp') {
        if (name !== undefined && name !== 'data-perimeter')
          throw new CliError(`policy rcp: the only RCP is data-perimeter, got '${name}'`);
        if (options.organizationId === undefined) {
          throw new CliError(
            'policy rcp needs the organisation id: --organization-id o-... or guardrails.organizationId in --config',
          );
        }
        document = policies.residencyRcp(options);
      } else {
        const scps = policies.guardrailScps(options);
        if (name === undefined) document = scps;
        else document = scps[oneOf('policy scp name', name, policies.SCP_NAMES)];
      }
    } catch (e) {
      if (e instanceof policies.GuardrailOptionsError) throw new CliError(`policy ${kind}: ${e.message}`);
      throw e;
    }
    writeOutput(io, {
      output: values.output,
      format,
      summary: `${kind === 'rcp' ? 'resource control policy' : (name ?? 'service control policies')}`,
      render: () => `${format === 'compact' ? JSON.stringify(document) : JSON.stringify(document, null, 2)}\n`,
    });
    return 0;
  },
};
