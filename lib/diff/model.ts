/**
 * The residency diff as data: what `ca-residency diff` prints as JSON (and renders as text or Markdown).
 * Every list is sorted, and nothing depends on where the assemblies sit or when they were synthesized.
 */
import {
  AcknowledgementEntry,
  AtRestFacts,
  BackupCoverage,
  InTransitFacts,
  ReplicationTarget,
  ReportFinding,
} from '../report/model';

/** Output formats of `ca-residency diff`. */
export const DIFF_FORMATS = ['text', 'json', 'markdown'] as const;
export type DiffFormat = (typeof DIFF_FORMATS)[number];

/** How a change treats an existing resource (from `@aws-cdk/cloudformation-diff`). */
export type DestructiveImpact = 'replace' | 'destroy' | 'may-replace';

/** A resource the change would replace, destroy, or may replace. */
export interface DestructiveChange {
  readonly logicalId: string;
  readonly type: string;
  readonly impact: DestructiveImpact;
  /**
   * The at-rest catalogue says the type holds data, or cannot say it does not (an unclassified type: fail
   * closed). Types declared stateless in the pack's options hold none.
   */
  readonly holdsData: boolean;
}

/** What the report says about one data store, minus its identity (on the entry) and its finding count (findings are diffed). */
export interface DataStoreState {
  readonly region?: string;
  readonly atRest: AtRestFacts;
  readonly inTransit: InTransitFacts;
  readonly replication: readonly ReplicationTarget[];
  readonly backup: readonly BackupCoverage[];
}

/** The facts of a data store a change can move, in the order they are reported. */
export const DATA_STORE_FIELDS = [
  'region',
  'encryption',
  'key',
  'keyRegion',
  'inTransit',
  'replication',
  'backup',
] as const;
export type DataStoreField = (typeof DATA_STORE_FIELDS)[number];

export interface DataStoreChange {
  readonly logicalId: string;
  readonly type: string;
  readonly change: 'added' | 'removed' | 'changed';
  /** Absent for an added data store. */
  readonly before?: DataStoreState;
  /** Absent for a removed data store. */
  readonly after?: DataStoreState;
  /** Facts that differ (empty for added and removed data stores). */
  readonly fields: readonly DataStoreField[];
}

/** An exemption as the diff shows it: the report's entry without the days left (a diff does not change with the day). */
export interface ExemptionChange {
  readonly ruleId: string;
  readonly resource: string;
  readonly reason: string;
  readonly expires: string;
  /** `stack/logicalId` of each finding it lets through (on the side where it exists). */
  readonly covers: readonly string[];
}

/** What one side has and the other has not. */
export interface AddedAndRemoved<T> {
  readonly added: readonly T[];
  readonly removed: readonly T[];
}

export type StackStatus = 'added' | 'removed' | 'changed' | 'unchanged';

export interface StackDiff {
  readonly stack: string;
  /** The stack's region (stacks are matched by name, account and region; the account is not printed). */
  readonly region?: string;
  readonly status: StackStatus;
  readonly dataStores: readonly DataStoreChange[];
  readonly destructive: readonly DestructiveChange[];
  readonly findings: AddedAndRemoved<ReportFinding>;
  readonly exemptions: AddedAndRemoved<ExemptionChange>;
  readonly acknowledgements: AddedAndRemoved<AcknowledgementEntry>;
}

export interface ResidencyDiff {
  readonly stacks: readonly StackDiff[];
  readonly summary: {
    /** Destructive changes, data-holding or not (each stack's `destructive` says which hold data). */
    readonly destructive: number;
    readonly dataStoresAdded: number;
    readonly dataStoresRemoved: number;
    readonly dataStoresChanged: number;
    /** Distinct findings added and removed (a finding about the pack's options counts once, not once per stack). */
    readonly findingsAdded: number;
    readonly findingsRemoved: number;
  };
}
