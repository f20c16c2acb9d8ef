/** Bounds on what `check`, `report` and `diff` read from untrusted input (pull-request artifacts). */
export interface ReadLimits {
  /** Largest file read, in bytes. @default 64 MiB (CloudFormation's own limit for a template is 1 MB in S3) */
  readonly maxFileBytes?: number;
  /** Deepest nesting of objects and lists in a JSON or YAML document. @default 256 */
  readonly maxDocumentDepth?: number;
  /** Deepest chain of nested cloud assemblies (CDK Stages within Stages). @default 32 */
  readonly maxAssemblyDepth?: number;
}

export const DEFAULT_READ_LIMITS: Required<ReadLimits> = {
  maxFileBytes: 64 * 1024 * 1024,
  maxDocumentDepth: 256,
  maxAssemblyDepth: 32,
};

export function readLimits(limits: ReadLimits = {}): Required<ReadLimits> {
  return { ...DEFAULT_READ_LIMITS, ...limits };
}
