/**
 * The fields of a finding in `--format json`, in their documented order (README, `check` formats). `check` and `verify` write
 * the same shape, so that CI tooling reads both alike; written out here rather than read from lib/ so that a change
 * to the format fails the tests that pin it.
 */
export const FINDING_JSON_FIELDS = [
  'ruleId',
  'category',
  'severity',
  'stack',
  'template',
  'region',
  'logicalId',
  'resourceType',
  'path',
  'message',
];
