import * as fs from 'fs';
import * as path from 'path';
import { parseArgs } from 'node:util';
import { CliIo, usageError } from '../check';
import { CanaryReport, runCanary } from './canary';
import { regionalClients, VerifyClients } from './clients';
import { renderVerify, VERIFY_FORMATS, VerifyFormat, verifyExitCode } from './format-verify';
import { verifyAccount } from './verify-account';
import { VerifyInputError } from './verify-options';

export const VERIFY_USAGE = `Usage: ca-residency verify [options]

Checks the S3 buckets of the deployed account (the credentials in the environment) against the residency
baseline: location in an allowed region, SSE-KMS default encryption with a customer-managed key of the bucket's
region and the bucket key on, versioning, all four public access block settings, a TLS-only bucket policy,
replication destinations located in allowed regions with replica keys of their region. Read-only, except
--canary. Permissions: docs/verify-iam-policy.json.

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
  --output FILE                 write the report to FILE instead of stdout
  -h, --help                    show this help

Exit status: 0 no error-severity finding; 1 at least one (error or fatal); 2 usage or input error.
`;

/** The CLI's IO plus whether stderr is a terminal (the progress line is drawn only there). */
export interface VerifyIo extends CliIo {
  readonly stderrIsTTY?: boolean;
}

/** Test seams for the canary's clock. */
export interface VerifyDeps {
  readonly now?: () => number;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly toolVersion?: string;
}

function list(values: readonly string[] | undefined): string[] | undefined {
  if (!values) return undefined;
  return values.flatMap((v) => v.split(',')).map((v) => v.trim()).filter((v) => v !== '');
}

/**
 * `ca-residency verify` with `argv` (the arguments after `verify`). Returns the exit code; bad input is one line
 * on stderr and exit 2, never a stack trace.
 */
export async function runVerify(argv: readonly string[], io: VerifyIo, clients: VerifyClients = regionalClients(), deps: VerifyDeps = {}): Promise<number> {
  const fail = (message: string) => usageError(io, message);
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
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
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (e) {
    return fail(`verify: ${(e as Error).message} (see --help)`);
  }
  if (values.help) {
    io.stdout(VERIFY_USAGE);
    return 0;
  }
  const format = values.format as VerifyFormat;
  if (!VERIFY_FORMATS.includes(format)) return fail(`--format must be one of ${VERIFY_FORMATS.join(', ')}, got '${values.format}'`);
  const timeoutText = values['canary-timeout'] ?? '900';
  const timeoutSeconds = Number(timeoutText);
  if (!/^\d+$/.test(timeoutText) || timeoutSeconds < 1 || timeoutSeconds > 3600) return fail(`--canary-timeout must be whole seconds from 1 to 3600, got '${timeoutText}'`);
  if (values['canary-replica'] !== undefined && values.canary === undefined) return fail('--canary-replica needs --canary BUCKET');

  const progress = io.stderrIsTTY
    ? (done: number, total: number) => io.stderr(`\rchecked ${done}/${total} bucket(s)${done === total ? '\n' : ''}`)
    : undefined;
  try {
    const result = await verifyAccount(clients, {
      buckets: list(values.bucket),
      allowedRegions: list(values['allowed-regions'] ? [values['allowed-regions']] : undefined),
      homeRegion: values['home-region'],
      expectReplication: list(values['expect-replication']),
      expectObjectLock: list(values['expect-object-lock']),
      retry: deps.sleep ? { sleep: deps.sleep } : undefined,
      onProgress: progress,
    });
    let canary: CanaryReport | undefined;
    if (values.canary !== undefined) {
      canary = await runCanary(clients, {
        sourceBucket: values.canary,
        replicaBucket: values['canary-replica'],
        timeoutMs: timeoutSeconds * 1000,
        homeRegion: values['home-region'],
        now: deps.now,
        sleep: deps.sleep,
      });
    }
    const code = verifyExitCode(result, canary);
    const version = deps.toolVersion ?? '0.0.0';
    if (values.output) {
      const target = path.resolve(io.cwd, values.output);
      const tmp = `${target}.${process.pid}.tmp`;
      try {
        fs.writeFileSync(tmp, renderVerify(result, canary, format, false, version));
        fs.renameSync(tmp, target);
      } catch (e) {
        fs.rmSync(tmp, { force: true });
        return fail(`${values.output}: cannot write the output file (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
      }
      io.stderr(`${result.findings.length + (canary?.findings.length ?? 0)} finding(s) in ${result.buckets.length} bucket(s); ${format} report written to ${values.output}\n`);
    } else {
      io.stdout(renderVerify(result, canary, format, format === 'text' && io.colour, version));
    }
    return code;
  } catch (e) {
    if (e instanceof VerifyInputError) return fail(e.message);
    return fail(`internal error: ${(e as Error).message}`);
  }
}
