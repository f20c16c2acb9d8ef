import { DATA_PATHS, DataPath, DestinationKind, pathSegments } from '../../lib/policy/data-paths';
import { DeclaredDestination } from '../../lib/policy/options';
import { CfnTemplate, EvaluationResult, ResidencyEngine, TemplateUnderTest } from '../../lib/rules';
import { tut } from './support';

/**
 * Generated from the data-path catalogue: every destination property is located the same way — in the template,
 * in another stack of the app, by the region of its ARN or host, declared by the user — and anything else is a
 * finding.
 */
const RULES = new Set([
  'CaResidency-DataDestination',
  'CaResidency-S3ReplicationDestination',
  'CaResidency-BackupCopyDestination',
  'CaResidency-DynamoDBReplicaRegion',
]);

/** Properties with `value` set at `path` (one element per list, key `logs` per map) and the `when` property. */
function propertiesFor(dp: DataPath, value: unknown): Record<string, unknown> {
  const props: Record<string, unknown> = {};
  if (dp.when) setPath(props, dp.when.property, dp.when.values[0]);
  setPath(props, dp.path, value);
  return props;
}

function setPath(root: Record<string, unknown>, path: string, value: unknown): void {
  const segs = pathSegments(path);
  let cur: Record<string, unknown> = root;
  segs.forEach((seg, i) => {
    const last = i === segs.length - 1;
    const keyed = /^(.+)\[Key=(.+)\]$/.exec(seg);
    if (keyed) {
      // A key/value list: one entry with that Key.
      const entry: Record<string, unknown> = { Key: keyed[2] };
      cur[keyed[1]] = [entry];
      cur = entry;
      return;
    }
    if (seg.endsWith('{}[]')) {
      // A map of lists: key `logs`, one element.
      const entry: Record<string, unknown> = {};
      cur[seg.slice(0, -4)] = { logs: [last ? value : entry] };
      cur = entry;
      return;
    }
    const list = seg.endsWith('[]');
    const map = seg.endsWith('{}');
    const key = list || map ? seg.slice(0, -2) : seg;
    if (list) {
      const arr = (cur[key] as Record<string, unknown>[] | undefined) ?? [{}];
      cur[key] = arr;
      if (last) arr[0] = value as Record<string, unknown>;
      else cur = arr[0];
    } else if (map) {
      const m = (cur[key] as Record<string, Record<string, unknown>> | undefined) ?? { logs: {} };
      cur[key] = m;
      if (last) m.logs = value as Record<string, unknown>;
      else cur = m.logs;
    } else if (last) cur[key] = value;
    else cur = (cur[key] ??= {}) as Record<string, unknown>;
  });
}

interface Case {
  readonly name: string;
  readonly value: unknown;
  readonly compliant: boolean;
  /** Extra stacks of the app. */
  readonly others?: TemplateUnderTest[];
  readonly declared?: DeclaredDestination[];
}

const WEST = tut(
  'Recovery',
  'ca-west-1',
  { Replica: { Type: 'AWS::S3::Bucket', Properties: { BucketName: 'recovery-replica' } } },
  {
    Outputs: { Q: { Value: { 'Fn::GetAtt': ['Queue', 'Arn'] }, Export: { Name: 'RecoveryQueueArn' } } },
  },
);
(WEST.template.Resources as Record<string, unknown>).Queue = { Type: 'AWS::SQS::Queue' };
const VIRGINIA = tut('Virginia', 'us-east-1', {
  Far: { Type: 'AWS::S3::Bucket', Properties: { BucketName: 'virginia-bucket' } },
});
const declare = (destination: string): DeclaredDestination[] => [
  { destination, region: 'ca-central-1', reason: 'Owned by the records team, bucket in Montreal per their runbook' },
];
const unknown: Case = { name: 'unknown (parameter)', value: { Ref: 'Destination' }, compliant: false };

const CASES: Record<DestinationKind, Case[]> = {
  bucket: [
    { name: 'in the template', value: { Ref: 'LocalBucket' }, compliant: true },
    {
      name: 'in another stack (ca-west-1), by name',
      value: 'arn:aws:s3:::recovery-replica',
      compliant: true,
      others: [WEST],
    },
    { name: 'in another stack (us-east-1), by name', value: 'virginia-bucket', compliant: false, others: [VIRGINIA] },
    {
      name: 'declared (prefix)',
      value: 's3://records-archive-ca/exports/',
      compliant: true,
      declared: declare('records-archive-*'),
    },
    { name: 'not defined anywhere, not declared', value: 'arn:aws:s3:::someone-elses-bucket', compliant: false },
    unknown,
  ],
  arn: [
    { name: 'in the template', value: { 'Fn::GetAtt': ['LocalQueue', 'Arn'] }, compliant: true },
    {
      name: 'in another stack (ca-west-1), by export',
      value: { 'Fn::ImportValue': 'RecoveryQueueArn' },
      compliant: true,
      others: [WEST],
    },
    {
      name: 'proven by ARN region (ca-west-1)',
      value: { 'Fn::Sub': 'arn:${AWS::Partition}:sqs:ca-west-1:${AWS::AccountId}:q' },
      compliant: true,
    },
    { name: 'proven by ARN region (us-east-1)', value: 'arn:aws:sqs:us-east-1:111111111111:q', compliant: false },
    {
      name: 'a foreign ARN cannot be declared Canadian',
      value: 'arn:aws:sqs:us-east-1:111111111111:q',
      compliant: false,
      declared: declare('arn:aws:sqs:us-east-1:*'),
    },
    { name: 'dynamic reference', value: '{{resolve:ssm:/destinations/arn}}', compliant: false },
    unknown,
  ],
  host: [
    {
      name: 'in the template',
      value: { 'Fn::Sub': 'https://${LocalQueue}.execute-api.${AWS::Region}.amazonaws.com/p' },
      compliant: true,
    },
    {
      name: 'proven by host region (ca-central-1)',
      value: 'https://sqs.ca-central-1.amazonaws.com/111111111111/q',
      compliant: true,
    },
    {
      name: 'proven by host region (eu-west-1)',
      value: 'https://search-x.eu-west-1.es.amazonaws.com',
      compliant: false,
    },
    {
      name: 'outside AWS, declared by domain',
      value: 'https://hooks.partner.ca/ingest',
      compliant: true,
      declared: declare('*.partner.ca'),
    },
    { name: 'outside AWS, not declared', value: 'https://collector.example.com/ingest', compliant: false },
    unknown,
  ],
  region: [
    { name: 'the stack region', value: { Ref: 'AWS::Region' }, compliant: true },
    { name: 'an allowed region', value: 'ca-west-1', compliant: true },
    { name: 'a parameter whose AllowedValues are Canadian', value: { Ref: 'CanadianRegion' }, compliant: true },
    { name: 'a foreign region', value: 'us-west-2', compliant: false },
    unknown,
  ],
  address: [
    {
      name: 'declared',
      value: 'oncall@records.example.ca',
      compliant: true,
      declared: declare('oncall@records.example.ca'),
    },
    { name: 'not declared (leaves AWS)', value: 'someone@example.com', compliant: false },
  ],
  'third-party': [
    { name: 'declared', value: 'T0123ABCD', compliant: true, declared: declare('T0123ABCD') },
    { name: 'not declared (outside AWS)', value: 'T0123ABCD', compliant: false },
  ],
  model: [
    { name: 'a model id (runs in the stack region)', value: 'anthropic.claude-3-haiku-20240307-v1:0', compliant: true },
    {
      name: 'a model ARN of the stack region',
      value: 'arn:aws:bedrock:ca-central-1::foundation-model/amazon.titan-embed-text-v2:0',
      compliant: true,
    },
    {
      name: 'a model ARN of another region',
      value: 'arn:aws:bedrock:us-east-1::foundation-model/amazon.titan-embed-text-v2:0',
      compliant: false,
    },
    {
      name: 'a cross-Region inference profile id',
      value: 'us.anthropic.claude-3-5-sonnet-20240620-v1:0',
      compliant: false,
    },
    {
      name: 'a global inference profile ARN with the stack region',
      value:
        'arn:aws:bedrock:ca-central-1:111111111111:inference-profile/global.anthropic.claude-sonnet-4-20250514-v1:0',
      compliant: false,
    },
    {
      name: 'a cross-Region guardrail profile ARN',
      value: 'arn:aws:bedrock:ca-central-1:111111111111:guardrail-profile/us.guardrail.v1:0',
      compliant: false,
    },
    unknown,
  ],
};

const LOCALS: CfnTemplate['Resources'] = {
  LocalBucket: { Type: 'AWS::S3::Bucket' },
  LocalQueue: { Type: 'AWS::SQS::Queue' },
};
const PARAMETERS = {
  Destination: { Type: 'String' },
  CanadianRegion: { Type: 'String', AllowedValues: ['ca-central-1', 'ca-west-1'] },
};

function evaluate(type: string, dp: DataPath, c: Case): EvaluationResult {
  const main = tut(
    'Primary',
    'ca-central-1',
    { ...LOCALS, Subject: { Type: type, Properties: propertiesFor(dp, c.value) } },
    { Parameters: PARAMETERS },
    undefined,
  );
  return new ResidencyEngine({ declaredDestinations: c.declared }).evaluate([main, ...(c.others ?? [])]);
}

const rows = Object.entries(DATA_PATHS).flatMap(([type, paths]) =>
  paths.flatMap((dp) =>
    CASES[dp.kind].map(
      (c) =>
        [
          `${type} ${dp.path}${dp.when ? ` (${dp.when.property}=${dp.when.values[0]})` : ''}: ${c.name}`,
          type,
          dp,
          c,
        ] as const,
    ),
  ),
);

describe.each(rows)('%s', (_name, type, dp, c) => {
  const result = evaluate(type, dp, c);
  const findings = result.findings.filter((f) => f.logicalId === 'Subject' && RULES.has(f.ruleId));
  if (c.compliant) {
    test('is not a finding', () => expect(findings).toEqual([]));
    if (c.declared) {
      test('the declaration is recorded with its reason', () => {
        expect(result.declaredDestinations?.map((d) => [d.logicalId, d.declaration.reason])).toEqual([
          ['Subject', c.declared![0].reason],
        ]);
      });
    }
  } else {
    test('is a residency finding at the property', () => {
      expect(findings).toHaveLength(1);
      expect(findings[0].category).toBe('residency');
      expect(findings[0].path.replace(/\[\d+\]/g, '[]').replace(/\.logs\b/, '{}')).toBe(
        `Properties.${dp.path.replace(/\[Key=[^\]]*\]/, '[]')}`,
      );
    });
  }
});

describe('the catalogue', () => {
  test('every entry says what it carries', () => {
    for (const paths of Object.values(DATA_PATHS)) for (const dp of paths) expect(dp.carries.length).toBeGreaterThan(3);
  });
});
