import { evaluateCheckRequest, FORMATS, render } from '../check/command';
import { exitCodeOf } from '../check/run-check';
import { allowedRegionsArg, maxFileBytesArg, oneOf, parseCommandLine, regionArg } from './args';
import { CliError } from './cli-error';
import { assertOutputWritable, writeOutput } from './output';
import { Subcommand } from './subcommand';

const USAGE = `Usage: ca-residency check <path>... [options]

Runs the CaResidency rules (residency, region availability, encryption, key management) over CloudFormation
templates and cloud assemblies. Each <path> is a cloud assembly directory (e.g. cdk.out; nested Stage
assemblies included) or a template file in JSON or YAML. Options, exemptions and acknowledgements recorded
by the CanadianResidencyChecks pack in a synthesized assembly are honoured.

Options:
  --region R                    region of plain template files (required for them; never assumed)
  --allowed-regions a,b         allowed regions (Canadian only; default ca-central-1,ca-west-1)
  --exemptions FILE             JSON/YAML list of { ruleId, resource, reason, expires }
  --availability-overrides FILE JSON/YAML { "<region>": { "<resource type>": true|false } }
  --declared-destinations FILE  JSON/YAML list of { destination, region, reason }: data destinations outside the
                                templates known to be in an allowed region (each use is listed in the output)
  --format text|json|sarif|markdown   output format (default text)
  --output FILE                 write the report to FILE instead of stdout (whole or not at all)
  --iam                         also check every policy document (identity, trust, key, bucket, topic, queue,
                                vault...): actions, condition keys and resource ARNs IAM does not know (category iam)
  --max-file-mb N               refuse any file larger than N MiB (default 64); only regular files inside the
                                assembly are read, symlinks resolved
  -h, --help                    show this help

Exit status: 0 no error-severity finding; 1 at least one (error or fatal); 2 usage, input or output error.
`;

export const checkCommand: Subcommand = {
  name: 'check',
  summary: 'run the CaResidency rules over templates and cloud assemblies (exit 1 on a failing finding)',
  usage: USAGE,
  run(argv, io, context) {
    const { values, positionals: paths } = parseCommandLine('check', argv, {
      region: { type: 'string' },
      'allowed-regions': { type: 'string' },
      exemptions: { type: 'string' },
      'availability-overrides': { type: 'string' },
      'declared-destinations': { type: 'string' },
      format: { type: 'string', default: 'text' },
      output: { type: 'string' },
      'max-file-mb': { type: 'string' },
      iam: { type: 'boolean', default: false },
    });
    if (paths.length === 0)
      throw new CliError(
        'check needs at least one template file or cloud assembly directory (see ca-residency check --help)',
      );
    const format = oneOf('--format', values.format, FORMATS);
    const region = regionArg('--region', values.region);
    const allowedRegions = allowedRegionsArg(values['allowed-regions']);
    const limits = maxFileBytesArg(values['max-file-mb']);
    assertOutputWritable(values.output, io.cwd);
    const result = evaluateCheckRequest(
      {
        paths,
        region,
        allowedRegions,
        exemptionsFile: values.exemptions,
        availabilityOverridesFile: values['availability-overrides'],
        declaredDestinationsFile: values['declared-destinations'],
        limits,
        iam: values.iam,
      },
      io.cwd,
    );
    writeOutput(io, {
      output: values.output,
      format,
      summary: `${result.summary.findings} finding(s)`,
      render: (colour) => render(result, format, format === 'text' && colour, context.toolVersion),
    });
    return exitCodeOf(result);
  },
};
