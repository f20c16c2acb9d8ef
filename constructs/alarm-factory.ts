import { createHash } from 'crypto';
import { Token } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { Construct } from 'constructs';
import { AlertTier, ResidencyAlerting, runbookPath } from './residency-alerting';

/** CloudWatch limits on an alarm: 255 characters of name, 1024 of description. */
export const ALARM_NAME_MAX_LENGTH = 255;
export const ALARM_DESCRIPTION_MAX_LENGTH = 1024;

/** One alarm, as its owner sees it: what it watches, when it fires, who is told, what to do. */
export interface AlarmSpec {
  /** Construct id of the alarm, unique in the factory's scope. Also the name suffix unless `nameSuffix` is set. */
  readonly id: string;
  /** Suffix of the alarm name (`<namePrefix>-<nameSuffix>`). @default - the id */
  readonly nameSuffix?: string;
  readonly metric: cloudwatch.IMetric;
  readonly threshold: number;
  /** @default GREATER_THAN_OR_EQUAL_TO_THRESHOLD */
  readonly comparison?: cloudwatch.ComparisonOperator;
  /** @default 1 */
  readonly evaluationPeriods?: number;
  /**
   * How a period without data counts. The alarms of this package watch metrics published only when something
   * happens (a filter match, a failed job, an audit run), so silence is the healthy state.
   * @default TreatMissingData.NOT_BREACHING
   */
  readonly treatMissingData?: cloudwatch.TreatMissingData;
  /** critical pages on-call now; warning is looked at within the working day. */
  readonly tier: AlertTier;
  /** What the alarm means, one sentence without a final period; the runbook link is appended. */
  readonly description: string;
  /** Runbook family: `docs/runbooks/<runbook>.md`. */
  readonly runbook: string;
}

export interface AlarmFactoryProps {
  /** The region's alert routing: every alarm goes to the topic of its tier (alarm and OK actions). */
  readonly alerting: ResidencyAlerting;
  /** Prefix of every alarm name, e.g. `cacr-prod`. */
  readonly namePrefix: string;
}

/**
 * Creates alarms with the package's defaults set once: `<prefix>-<suffix>` names that fit CloudWatch's limit,
 * a description ending with its runbook, routing to the region's topic of the alarm's tier. Alarms are created
 * in the factory's scope, so their construct ids (and logical ids) are those of the owning construct.
 */
export class AlarmFactory {
  private readonly created: cloudwatch.Alarm[] = [];

  constructor(
    private readonly scope: Construct,
    private readonly props: AlarmFactoryProps,
  ) {}

  /** Every alarm this factory created, in creation order. */
  get alarms(): readonly cloudwatch.Alarm[] {
    return this.created;
  }

  addAlarm(spec: AlarmSpec): cloudwatch.Alarm {
    const alarm = new cloudwatch.Alarm(this.scope, spec.id, {
      alarmName: this.name(spec.nameSuffix ?? spec.id),
      alarmDescription: describeWithRunbook(spec.description, spec.runbook, ALARM_DESCRIPTION_MAX_LENGTH),
      metric: spec.metric,
      threshold: spec.threshold,
      comparisonOperator: spec.comparison ?? cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: spec.evaluationPeriods ?? 1,
      treatMissingData: spec.treatMissingData ?? cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    this.props.alerting.route(alarm, spec.tier);
    this.created.push(alarm);
    return alarm;
  }

  /** `<namePrefix>-<suffix>`, shortened to `maxLength` when needed (see `boundedName`). */
  name(suffix: string, maxLength = ALARM_NAME_MAX_LENGTH): string {
    return boundedName(`${this.props.namePrefix}-${suffix}`, maxLength);
  }
}

/**
 * A name of at most `maxLength` characters. A longer one keeps its beginning and ends with a hash of the whole
 * name, so two long names that differ only at the end stay distinct (a plain cut would make them collide).
 * A name holding an unresolved token is returned as is: its length is only known at deploy time.
 */
export function boundedName(name: string, maxLength: number): string {
  if (name.length <= maxLength || Token.isUnresolved(name)) return name;
  const hash = createHash('sha256').update(name).digest('hex').slice(0, 8);
  return `${name.slice(0, maxLength - hash.length - 1)}-${hash}`;
}

/**
 * `<description>. Runbook: docs/runbooks/<family>.md`, the description shortened (never the runbook link) so the
 * whole fits `maxLength`: on-call always gets the link.
 */
export function describeWithRunbook(description: string, runbook: string, maxLength: number): string {
  const suffix = `. Runbook: ${runbookPath(runbook)}`;
  const room = maxLength - suffix.length;
  const text = description.length <= room ? description : `${description.slice(0, room - 1)}…`;
  return `${text}${suffix}`;
}
