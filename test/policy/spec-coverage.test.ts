import data from '../../lib/policy/data/cfn-resource-types-by-region.json';
import { DATA_PATHS } from '../../lib/policy/data-paths';
import { classifyType, DATA_STORES, isListedStateless } from '../../lib/policy/encryption-catalogue';
import { GLOBAL_DATA_PATH_TYPES } from '../../lib/policy/global-services';
import { REVIEWED_NO_CUSTOMER_DATA } from '../../lib/policy/reviewed-types';
import { evaluateTemplates } from '../../lib/rules';
import { loadSpecIndex } from '../support/cfn-spec';
import { tut } from '../rules/support';
import { NOT_YET_CLASSIFIED } from './spec-coverage-backlog';

/**
 * Coverage computed from the CloudFormation resource specification (@aws-cdk/aws-service-spec, the one CDK
 * generates its L1 classes from), not from memory.
 */
const spec = loadSpecIndex();
const regions = data.regions as Record<string, string[]>;
const CANADIAN_TYPES = [...new Set([...regions['ca-central-1'], ...regions['ca-west-1']])].sort();

/** A property that decides encryption or says where data goes (last segment of its path). */
const SIGNAL =
  /(Kms|KMS|EncryptionKey|KeyArn|KeyId|Encrypt|Tls|TLS|Ssl|SSL|SecurityPolicy|Protocol|Destination|Endpoint|Url|URL|Uri|URI|Host|Bucket)/;
const hasSignal = (type: string) => (spec.paths.get(type) ?? []).some((p) => SIGNAL.test(p.split('.').pop()!));
const accounted = (type: string) =>
  DATA_STORES[type] !== undefined ||
  DATA_PATHS[type] !== undefined ||
  GLOBAL_DATA_PATH_TYPES[type] !== undefined ||
  isListedStateless(type);

/** True when `path` (catalogue syntax) exists in the specification of `type`, or sits under a map or JSON property. */
function specHasPath(type: string, path: string): boolean {
  const paths = spec.paths.get(type) ?? [];
  path = path.replace(/\[Key=[^\]]*\]/g, '[]');
  if (paths.includes(path)) return true;
  const segs = path.split('.');
  for (let i = 1; i < segs.length; i++) {
    const prefix = segs.slice(0, i).join('.');
    if (paths.includes(`${prefix}{}`)) return true;
    if (paths.includes(prefix) && !paths.some((p) => p.startsWith(`${prefix}.`) || p.startsWith(`${prefix}[`)))
      return true;
    // The index stops at a fixed depth: a list or map whose walk was cut there has no element entry.
    const cut = prefix.replace(/(\[\]|\{\})$/, '');
    const childOfCut = (p: string) => [`${cut}.`, `${cut}[`, `${cut}{`].some((start) => p.startsWith(start));
    if (cut !== prefix && paths.includes(cut) && !paths.some(childOfCut)) return true;
  }
  return false;
}

describe('every Canadian resource type with an encryption or destination property is accounted for', () => {
  const signalTypes = CANADIAN_TYPES.filter((t) => spec.paths.has(t) && hasSignal(t));

  test('the specification and the availability data agree on most types (the computation is not vacuous)', () => {
    expect(signalTypes.length).toBeGreaterThan(400);
  });
  test('each is in the at-rest or data-path catalogue, reviewed as holding no customer data, or listed as not yet classified', () => {
    const backlog = new Set(NOT_YET_CLASSIFIED);
    expect(signalTypes.filter((t) => !accounted(t) && !backlog.has(t))).toEqual([]);
  });
  test('the not-yet-classified list only shrinks: none of its types is accounted for elsewhere', () => {
    expect(NOT_YET_CLASSIFIED.filter((t) => accounted(t) || !signalTypes.includes(t))).toEqual([]);
  });
  test('every not-yet-classified type is still stopped as unclassified (fail closed)', () => {
    for (const type of NOT_YET_CLASSIFIED) expect([type, classifyType(type).kind]).toEqual([type, 'unclassified']);
  });
});

describe('catalogues match the specification', () => {
  test('every data path names a property of its type', () => {
    const missing = Object.entries(DATA_PATHS).flatMap(([type, paths]) =>
      paths.filter((p) => !specHasPath(type, p.path)).map((p) => `${type} ${p.path}`),
    );
    expect(missing).toEqual([]);
  });
  test('every declarative at-rest flag and key names a property of its type', () => {
    const missing = Object.entries(DATA_STORES).flatMap(([type, s]) =>
      'custom' in s
        ? []
        : [s.flag, s.key]
            .filter((p): p is string => p !== undefined)
            .map((p) => p.replace(/\[\d+\]/g, '[]'))
            .filter((p) => !specHasPath(type, p))
            .map((p) => `${type} ${p}`),
    );
    expect(missing).toEqual([]);
  });
  test('every condition (`when`) of the at-rest and data-path catalogues names a property of its type', () => {
    const conditions = [
      ...Object.entries(DATA_STORES).flatMap(([type, s]) => ('when' in s && s.when ? [[type, s.when.property]] : [])),
      ...Object.entries(DATA_PATHS).flatMap(([type, paths]) =>
        paths.flatMap((p) => (p.when ? [[type, p.when.property]] : [])),
      ),
    ];
    expect(conditions.length).toBeGreaterThan(0);
    expect(conditions.filter(([type, path]) => !specHasPath(type, path)).map((c) => c.join(' '))).toEqual([]);
  });
  test('reviewed types are real types, none of them catalogued as a data store or data path', () => {
    for (const type of Object.keys(REVIEWED_NO_CUSTOMER_DATA)) {
      expect([type, spec.paths.has(type), DATA_STORES[type] === undefined && DATA_PATHS[type] === undefined]).toEqual([
        type,
        true,
        true,
      ]);
    }
  });
});

describe('the stateless lists cannot silence a catalogued type', () => {
  test('a data store stays a data store even when listed as stateless', () => {
    for (const type of Object.keys(DATA_STORES)) expect(classifyType(type, [type]).kind).toBe('data');
  });
  test('a data path is judged even when its type is listed as stateless', () => {
    const rule = {
      Rule: {
        Type: 'AWS::Events::Rule',
        Properties: {
          ScheduleExpression: 'rate(1 hour)',
          Targets: [{ Id: 't', Arn: 'arn:aws:sqs:us-east-1:111111111111:q' }],
        },
      },
    };
    const findings = evaluateTemplates([tut('Primary', 'ca-central-1', rule)], {
      statelessTypes: ['AWS::Events::Rule'],
    });
    expect(findings.map((f) => f.ruleId)).toEqual(['CaResidency-DataDestination']);
  });
  test('a formerly unclassified data store (Amazon MQ) now gets a finding naming the key property to set', () => {
    const findings = evaluateTemplates([
      tut('Primary', 'ca-central-1', { Broker: { Type: 'AWS::AmazonMQ::Broker', Properties: {} } }),
    ]);
    expect(findings.filter((f) => f.ruleId === 'CaResidency-Unclassified')).toEqual([]);
    expect(findings.find((f) => f.ruleId === 'CaResidency-EncryptedAtRest')?.message).toMatch(
      /EncryptionOptions\.KmsKeyId is not set/,
    );
  });
});

describe('a type in the data-path catalogue is classified at rest too (a data store, or holding no data)', () => {
  // Types that do store data but whose encryption the declarative catalogue cannot read yet: stopped by
  // CaResidency-Unclassified (fail closed) until judged. This list can only shrink.
  const KNOWN_UNCLASSIFIED: Readonly<Record<string, string>> = {
    'AWS::EMR::Cluster': 'at-rest encryption is set in a separate security configuration (a JSON document)',
    'AWS::SSMIncidents::ReplicationSet': 'incident records take a key per replicated region (a list of regions)',
    'AWS::AuditManager::Assessment': 'evidence is encrypted by an account-level setting outside the template',
  };
  test('none is stopped as unclassified on top of the judgement of its paths, but the listed exceptions', () => {
    const unclassified = Object.keys(DATA_PATHS).filter((t) => classifyType(t).kind === 'unclassified');
    expect(unclassified.sort()).toEqual(Object.keys(KNOWN_UNCLASSIFIED).sort());
  });
});
