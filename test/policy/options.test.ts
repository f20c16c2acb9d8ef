import { availabilityOf, looksLikeRegion, resolveResidencyOptions } from '../../lib/policy';
import { CanadianResidencyChecks } from '../../lib/nag';

describe('resolveResidencyOptions', () => {
  test('defaults to ca-central-1 and ca-west-1', () => {
    expect(resolveResidencyOptions().allowedRegions).toEqual(['ca-central-1', 'ca-west-1']);
  });
  test('accepts a subset of the Canadian regions', () => {
    expect(resolveResidencyOptions({ allowedRegions: ['ca-central-1'] }).allowedRegions).toEqual(['ca-central-1']);
  });
  test('a non-Canadian allowed region is an error naming the field and value', () => {
    expect(() => resolveResidencyOptions({ allowedRegions: ['ca-central-1', 'us-east-1'] })).toThrow(
      /allowedRegions\[1\]: "us-east-1" is not a Canadian region/,
    );
  });
  test('an empty list is an error', () => {
    expect(() => resolveResidencyOptions({ allowedRegions: [] })).toThrow(/allowedRegions: must list at least one/);
  });
  test('every problem is listed in one error', () => {
    let message = '';
    try {
      resolveResidencyOptions({
        allowedRegions: ['eu-west-1'],
        bucketsDeclaredCanadian: ['*'],
        availabilityOverrides: { 'ca-west-1': { 'not a type': true } },
      });
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toMatch(/allowedRegions\[0\]: "eu-west-1"/);
    expect(message).toMatch(/bucketsDeclaredCanadian\[0\]: "\*"/);
    expect(message).toMatch(/availabilityOverrides\.ca-west-1: "not a type"/);
  });
  test('declared destinations: each problem names the entry, field and value', () => {
    const bad = [
      { destination: '*', region: 'ca-central-1', reason: 'Owned by the archive team in Montreal' },
      { destination: 'partner-*', region: 'us-east-1', reason: 'Owned by the archive team in Montreal' },
      { destination: 'https://hooks.example.ca/*', region: 'ca-west-1', reason: 'ok' },
    ];
    expect(() => resolveResidencyOptions({ declaredDestinations: bad })).toThrow(
      /declaredDestinations\[0\]\.destination: "\*"[\s\S]*declaredDestinations\[1\]\.region: "us-east-1"[\s\S]*declaredDestinations\[2\]\.reason: "ok"/,
    );
  });
  test('a declared destination must be in an allowed region, not just a Canadian one', () => {
    const d = { destination: 'archive', region: 'ca-west-1', reason: 'Owned by the archive team in Calgary' };
    expect(() => resolveResidencyOptions({ allowedRegions: ['ca-central-1'], declaredDestinations: [d] })).toThrow(
      /declaredDestinations\[0\]\.region: "ca-west-1"/,
    );
    expect(resolveResidencyOptions({ declaredDestinations: [d] }).declaredDestinations).toEqual([d]);
  });
  test('a catalogued data store cannot be listed as stateless', () => {
    expect(() => resolveResidencyOptions({ statelessTypes: ['AWS::AmazonMQ::Broker'] })).toThrow(
      /statelessTypes\[0\]: AWS::AmazonMQ::Broker stores data/,
    );
  });
  test('the pack throws at construction on a non-Canadian region', () => {
    expect(() => new CanadianResidencyChecks(undefined, { allowedRegions: ['us-west-2'] })).toThrow(/"us-west-2"/);
  });
});

describe('availability data', () => {
  test('reflects the data and honours overrides', () => {
    expect(availabilityOf('AWS::S3::Bucket', 'ca-west-1')).toBe('available');
    expect(availabilityOf('AWS::Backup::RestoreTestingSelection', 'ca-west-1')).toBe('unavailable');
    expect(
      availabilityOf('AWS::Backup::RestoreTestingSelection', 'ca-west-1', {
        'ca-west-1': { 'AWS::Backup::RestoreTestingSelection': true },
      }),
    ).toBe('available');
    expect(availabilityOf('AWS::MemoryDB::Cluster', 'ca-west-1')).toBe('unavailable');
    expect(availabilityOf('AWS::Made::Up', 'ca-central-1')).toBe('unknown-type');
    expect(availabilityOf('AWS::S3::Bucket', 'ap-south-2')).toBe('no-data-for-region');
  });
  test('region shapes', () => {
    expect(looksLikeRegion('ca-west-1')).toBe(true);
    expect(looksLikeRegion('us-gov-west-1')).toBe(true);
    expect(looksLikeRegion('GLOBAL')).toBe(false);
  });
});

describe('availability lookups by names a template controls', () => {
  test('a type named constructor is unknown even when the region has overrides (not read from a prototype)', () => {
    expect(availabilityOf('constructor', 'ca-central-1', { 'ca-central-1': { 'AWS::S3::Bucket': true } })).toBe(
      'unknown-type',
    );
    expect(availabilityOf('AWS::S3::Bucket', 'constructor', { 'ca-central-1': {} })).toBe('no-data-for-region');
    expect(availabilityOf('AWS::S3::Bucket', 'ca-central-1', { 'ca-central-1': {} })).toBe('available');
  });
});
