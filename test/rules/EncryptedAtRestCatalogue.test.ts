import { AtRestSpec, DATA_STORES } from '../../lib/policy/encryption-catalogue';
import { evaluateTemplates } from '../../lib/rules';
import { tut } from './support';

const RULE = 'CaResidency-EncryptedAtRest';

/** Set a dot path (`A.B[0].C`) in a fresh object. */
function setPath(obj: Record<string, unknown>, path: string, value: unknown): void {
  let cur: any = obj;
  const parts = path.split('.');
  parts.forEach((part, i) => {
    const m = /^([^[]+)(?:\[(\d+)\])?$/.exec(part)!;
    const last = i === parts.length - 1;
    if (m[2] !== undefined) {
      cur[m[1]] ??= [];
      cur[m[1]][Number(m[2])] ??= {};
      if (last) cur[m[1]][Number(m[2])] = value;
      else cur = cur[m[1]][Number(m[2])];
    } else if (last) cur[m[1]] = value;
    else cur = cur[m[1]] ??= {};
  });
}

function findings(type: string, props: Record<string, unknown>) {
  const t = tut('Primary', 'ca-central-1', {
    Store: { Type: type, Properties: props },
    Key: { Type: 'AWS::KMS::Key', Properties: { EnableKeyRotation: true } },
  });
  return evaluateTemplates([t]).filter((f) => f.ruleId === RULE && f.logicalId === 'Store');
}

/** Properties that meet the spec's `when` condition (if any), and nothing else. */
function baseProps(spec: AtRestSpec): Record<string, unknown> {
  const p: Record<string, unknown> = {};
  if (spec.when) setPath(p, spec.when.property, spec.when.values[0]);
  return p;
}

function propsFor(spec: AtRestSpec, key: unknown): Record<string, unknown> {
  const p = baseProps(spec);
  if (spec.flag) setPath(p, spec.flag, (spec.flagOn ?? [true])[0]);
  if (spec.key && key !== undefined) setPath(p, spec.key, key);
  return p;
}

const declarative = Object.entries(DATA_STORES).filter((e): e is [string, AtRestSpec] => !('custom' in e[1]));

describe.each(declarative)('%s', (type, spec) => {
  const supportsKey = spec.key !== undefined;
  const absentPasses = (spec.encryptedByDefault && !supportsKey) || spec.keyInheritedFrom !== undefined;
  test(
    spec.keyInheritedFrom
      ? `Compliance: absent properties (encrypted with ${spec.keyInheritedFrom})`
      : absentPasses
        ? 'Compliance: absent properties (service-encrypted, no customer key option)'
        : 'Noncompliance: absent properties fail',
    () => {
      const f = findings(type, baseProps(spec));
      if (absentPasses) expect(f).toEqual([]);
      else expect(f).toHaveLength(1);
    },
  );
  if (spec.when) {
    const when = spec.when;
    test(`Compliance: when ${when.property} is another value, the resource stores nothing itself`, () => {
      const p: Record<string, unknown> = {};
      setPath(p, when.property, 'SOMETHING_ELSE');
      expect(findings(type, p)).toEqual([]);
    });
    test(`Noncompliance: ${when.property} from a parameter fails closed`, () => {
      const p: Record<string, unknown> = {};
      setPath(p, when.property, { Ref: 'Choice' });
      const t = tut(
        'Primary',
        'ca-central-1',
        { Store: { Type: type, Properties: p } },
        { Parameters: { Choice: { Type: 'String' } } },
      );
      expect(evaluateTemplates([t]).filter((f) => f.ruleId === RULE && f.logicalId === 'Store')).toHaveLength(1);
    });
  }
  if (!spec.flag && !spec.key && !spec.encryptedByDefault) {
    test('Noncompliance: the message names what to use instead', () => {
      expect(findings(type, baseProps(spec))[0].message).toContain(spec.alternative ?? 'an encrypted alternative');
    });
  }
  if (spec.flag) {
    test('Noncompliance: the switch turned off fails, naming the property', () => {
      const p = propsFor(spec, { Ref: 'Key' });
      setPath(p, spec.flag!, spec.flagOn ? 'NONE' : false);
      const f = findings(type, p);
      expect(f).toHaveLength(1);
      expect(f[0].path).toBe(`Properties.${spec.flag}`);
    });
    test('Noncompliance: a switch from a parameter fails closed', () => {
      const p = propsFor(spec, { Ref: 'Key' });
      setPath(p, spec.flag!, { Ref: 'Encrypt' });
      const t = tut(
        'Primary',
        'ca-central-1',
        { Store: { Type: type, Properties: p }, Key: { Type: 'AWS::KMS::Key' } },
        { Parameters: { Encrypt: { Type: 'String' } } },
      );
      expect(evaluateTemplates([t]).filter((f) => f.ruleId === RULE && f.logicalId === 'Store')[0].message).toMatch(
        /parameter 'Encrypt'/,
      );
    });
  }
  if (supportsKey) {
    test('Compliance: a customer-managed key of the stack passes', () => {
      expect(findings(type, propsFor(spec, { 'Fn::GetAtt': ['Key', 'Arn'] }))).toEqual([]);
    });
    test('Noncompliance: an AWS managed key fails', () => {
      const f = findings(type, propsFor(spec, 'alias/aws/managed'));
      expect(f).toHaveLength(1);
      expect(f[0].message).toMatch(/AWS managed key/);
    });
    test('Noncompliance: a key ARN of another region fails', () => {
      expect(
        findings(type, propsFor(spec, 'arn:aws:kms:ca-west-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab'))[0]
          .message,
      ).toMatch(/KMS keys are regional/);
    });
  }
});
