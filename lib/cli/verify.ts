import type { CanaryReport } from '../verify/canary';
import type { VerifyClients } from '../verify/clients';
import { isValidBucketName, resolveVerifyOptions } from '../verify/verify-options';
import { allowedRegionsArg, commaList, oneOf, parseCommandLine, regionArg } from './args';
import { CliError, reportError } from './cli-error';
import { CliIo } from './io';
import { assertOutputWritable, writeOutput } from './output';
import { Subcommand } from './subcommand';

const USAGE = `Usage: ca-residency verify [options]

Checks the S3 buckets of the deployed account (the credentials in the environment) against the residency
baseline: location in an allowed region, SSE-KMS default encryption with a customer-managed key of the bucket's
region and the bucket key on, versioning, all four public access block settings, a TLS-only bucket policy,
replication destinations located in allowed regions with replica keys of their region. Read-only, except
--canary. Permissions: docs/verify-iam-policy.json. Every argument is checked before the first AWS call.

Options:
  --bucket NAME                 check only this bucket (repeatable, or comma-separated); default every bucket
  --allowed-regions a,b         allowed regions (Canadian only; default ca-central-1,ca-west-1)
  --home-region R               region answering ListBuckets/GetBucketLocation (default ca-central-1)
  --expect-replication NAME     this bucket must replicate (repeatable)
  --expect-object-lock NAME     this bucket must have object lock enabled (repeatable)
  --canary BUCKET               also write a canary object to BUCKET (the primary data bucket), wait for it in
                                its replica, check the replica's key region, report the delay, delete both copies
  --canary-replica BUCKET       replica to watch (default: the destination of BUCKET's replication rule)
  --canary-timeout SECONDS      longest wait for the replica (default 900)
  --format text|json|sarif|markdown   output format (default text)
  --output FILE                 write the report to FILE instead of stdout (whole or not at all)
  -h, --help                    show this help

Runtime note: the AWS SDK's notice that its future releases need Node 22 is turned off with its own switch,
AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED=true, unless that variable is already set.

Exit status: 0 no error-severity finding; 1 at least one (error or fatal); 2 usage, input or output error
(missing credentials included).
`;

/** Test seams: the SDK clients, the canary's clock, the tool version printed in SARIF. */
export interface VerifyDeps {
  readonly clients?: VerifyClients;
  readonly now?: () => number;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly toolVersion?: string;
}

function bucketArg(flag: string, name: string | undefined): string | undefined {
  if (name !== undefined && !isValidBucketName(name))
    throw new CliError(`${flag}: "${name}" is not a valid S3 bucket name`);
  return name;
}

/**
 * `ca-residency verify` with `argv` (the arguments after `verify`). Every argument (the options, the canary's
 * buckets, the writability of --output) is judged before the AWS SDK is even loaded. Resolves to the exit code;
 * bad input is one line on stderr and exit 2.
 */
export function runVerify(argv: readonly string[], io: CliIo, deps: VerifyDeps = {}): Promise<number> {
  return verify(argv, io, deps).catch((e) => reportError(io, e));
}

async function verify(argv: readonly string[], io: CliIo, deps: VerifyDeps): Promise<number> {
  const { values } = parseCommandLine(
    'verify',
    argv,
    {
      bucket: { type: 'string', multiple: true },
      'allowed-regions': { type: 'string' },
      'home-region': { type: 'string' },
      'expect-replication': { type: 'string', multiple: true },
      'expect-object-lock': { type: 'string', multiple: true },
      canary: { type: 'string' },
      'canary-replica': { type: 'string' },
      'canary-timeout': { type: 'string' },
      format: { type: 'string', default: 'text' },
      output: { type: 'string' },
    },
    false,
  );
  const { VERIFY_FORMATS, renderVerify, verifyExitCode } = await import('../verify/format-verify');
  const format = oneOf('--format', values.format, VERIFY_FORMATS);
  const timeoutText = values['canary-timeout'] ?? '900';
  const timeoutSeconds = Number(timeoutText);
  if (!/^\d+$/.test(timeoutText) || timeoutSeconds < 1 || timeoutSeconds > 3600)
    throw new CliError(`--canary-timeout must be whole seconds from 1 to 3600, got '${timeoutText}'`);
  if (values['canary-replica'] !== undefined && values.canary === undefined)
    throw new CliError('--canary-replica needs --canary BUCKET');
  const canaryBucket = bucketArg('--canary', values.canary);
  const canaryReplica = bucketArg('--canary-replica', values['canary-replica']);
  const homeRegion = regionArg('--home-region', values['home-region']);
  const options = {
    buckets: commaList(values.bucket),
    allowedRegions: allowedRegionsArg(values['allowed-regions']),
    homeRegion,
    expectReplication: commaList(values['expect-replication']),
    expectObjectLock: commaList(values['expect-object-lock']),
    retry: deps.sleep ? { sleep: deps.sleep } : undefined,
    onProgress: io.stderrIsTTY
      ? (done: number, total: number) => io.stderr(`\rchecked ${done}/${total} bucket(s)${done === total ? '\n' : ''}`)
      : undefined,
  };
  resolveVerifyOptions(options); // throws naming every bad option, before any network call
  assertOutputWritable(values.output, io.cwd);

  // The AWS SDK only now: check and report never load it.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const [{ verifyAccount }, { runCanary }] = await Promise.all([
    import('../verify/verify-account'),
    import('../verify/canary'),
  ]);
  const clients = deps.clients ?? (await import('../verify/clients')).regionalClients();
  const result = await verifyAccount(clients, options);
  let canary: CanaryReport | undefined;
  if (canaryBucket !== undefined) {
    canary = await runCanary(clients, {
      sourceBucket: canaryBucket,
      replicaBucket: canaryReplica,
      timeoutMs: timeoutSeconds * 1000,
      homeRegion,
      now: deps.now,
      sleep: deps.sleep,
    });
  }
  const version = deps.toolVersion ?? '0.0.0';
  writeOutput(io, {
    output: values.output,
    format,
    summary: `${result.findings.length + (canary?.findings.length ?? 0)} finding(s) in ${result.buckets.length} bucket(s)`,
    render: (colour) => renderVerify(result, canary, format, format === 'text' && colour, version),
  });
  return verifyExitCode(result, canary);
}

export const verifyCommand: Subcommand = {
  name: 'verify',
  summary: "live checks of the deployed account's S3 buckets (and the replication canary)",
  usage: USAGE,
  run: (argv, io, context) => runVerify(argv, io, { toolVersion: context.toolVersion }),
};
