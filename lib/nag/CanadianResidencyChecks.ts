import * as fs from 'fs';
import * as path from 'path';
import {
  Aspects,
  CfnElement,
  CfnResource,
  IAspect,
  IPolicyValidationContext,
  PolicyValidationPluginReport,
  PolicyViolation,
  Stack,
  Stage,
  Token,
  Validations,
} from 'aws-cdk-lib';
import { NagPack } from 'cdk-nag';
import { IConstruct } from 'constructs';
import { ResidencyOptions } from '../policy/options';
import {
  CfnTemplate,
  EvaluationResult,
  Finding,
  POLICY_METADATA_KEY,
  RecordedAcknowledgement,
  RecordedPolicy,
  ResidencyEngine,
  RULE_IDS,
  TemplateUnderTest,
} from '../rules';
import { residencySummaryLine } from '../rules/summary-line';

export { POLICY_METADATA_KEY } from '../rules';
export type { RecordedPolicy } from '../rules';

/** Options of the pack: the engine's options plus how the pack records them. */
export interface CanadianResidencyChecksProps extends ResidencyOptions {
  /**
   * Write the policy (options, exemptions, acknowledgements of CaResidency rules) into each stack template's
   * `Metadata.CaResidency`, so that `ca-residency check cdk.out` honours exactly what the pack honoured.
   * @default true
   */
  readonly recordInTemplates?: boolean;
  /**
   * After judging a synth, print one line on stderr (`CaResidency: 0 findings in 158 resources of 2 stacks`), so a
   * passing `cdk synth` still shows that the checks ran. Off under jest (`NODE_ENV=test`) unless set explicitly.
   * @default true
   */
  readonly printSummary?: boolean;
}

interface StackInfo {
  readonly stack: Stack;
  /** The stack's CloudFormation elements (resources, parameters, outputs...), in tree order. */
  readonly elements: CfnElement[];
}

interface TreeScan {
  readonly stacks: StackInfo[];
  readonly acknowledgements: RecordedAcknowledgement[];
}

/**
 * cdk-nag 3 pack `CaResidency`: blocks at synth anything that would put data outside Canada.
 *
 * ```ts
 * Validations.of(app).addPlugins(new CanadianResidencyChecks(app, { exemptions: [...] }));
 * ```
 *
 * It judges the resolved CloudFormation of every stack (escape hatches included) with the shared rule engine
 * (lib/rules), not L1 construct properties. Residency findings have severity `fatal`, which CDK core never
 * lets an acknowledgement silence; the only way past one is an exemption in these options.
 */
export class CanadianResidencyChecks extends NagPack {
  public readonly name = 'CaResidency';
  public readonly version = '0.1.0';
  public readonly ruleIds: string[] = [...RULE_IDS];
  private readonly engine: ResidencyEngine;
  private readonly printSummary: boolean;
  private lastSynth?: EvaluationResult;

  constructor(scope?: IConstruct, options: CanadianResidencyChecksProps = {}) {
    super(scope);
    this.packName = 'CaResidency';
    this.printSummary = options.printSummary ?? process.env.NODE_ENV !== 'test';
    // Throws on bad options (e.g. a non-Canadian allowed region), naming field and value.
    this.engine = new ResidencyEngine(options);
    if (scope && options.recordInTemplates !== false) {
      const record = new RecordResidencyPolicy(this.engine, options);
      // CDK synthesizes nested Stages before it runs the app's aspects, and an app's aspects never visit a stage's
      // stacks: the stages that exist now (create the pack after them) get the recording aspect themselves.
      for (const construct of [scope, ...scope.node.findAll().filter((c) => c !== scope && Stage.isStage(c))])
        Aspects.of(construct).add(record);
    }
  }

  /** Called by CDK during synth: judges the template files CDK just wrote. */
  public validate(context: IPolicyValidationContext): PolicyValidationPluginReport {
    const files = new Map<string, string>();
    for (const t of context.stackTemplates ?? []) files.set(path.resolve(t.templatePath), t.templatePath);
    const report = this.report(context.appConstruct, files);
    if (this.printSummary && this.lastSynth) process.stderr.write(`${residencySummaryLine(this.lastSynth)}\n`);
    return report;
  }

  /** What the pack found in the last synth it judged (undefined before any synth), e.g. for a summary line. */
  public get lastSynthResult(): EvaluationResult | undefined {
    return this.lastSynth;
  }

  /** Judge a construct tree directly (unit tests, or before synth): resolves each stack's template in memory. */
  public validateScope(scope: IConstruct): PolicyValidationPluginReport {
    return this.report(scope, undefined);
  }

  /** The engine's full result for the app containing `scope` (findings, exempted, acknowledged). */
  public evaluateScope(scope: IConstruct, files?: ReadonlyMap<string, string>): EvaluationResult {
    const scan = scanTree(scope.node.root);
    const templates = scan.stacks.map((s) => templateOf(s, files));
    return this.engine.evaluate(templates, scan.acknowledgements);
  }

  /** Not used: the pack judges resolved templates (see evaluateScope), not one L1 construct at a time. */
  protected checkResource(_node: CfnResource): void {}

  private report(scope: IConstruct, files: ReadonlyMap<string, string> | undefined): PolicyValidationPluginReport {
    const result = this.evaluateScope(scope, files);
    // Template files are given only at synth (validate): remember that evaluation for the summary line.
    if (files) this.lastSynth = result;
    const scopePath = scope.node.path;
    const inScope = (f: Finding) =>
      scopePath === '' ||
      (f.constructPath !== undefined && (f.constructPath === scopePath || f.constructPath.startsWith(`${scopePath}/`)));
    const templatePathOf = templatePathLookup(scope.node.root, files);
    const violations: PolicyViolation[] = [];
    // Acknowledged findings are reported too: CDK core removes them and records them, with their reason,
    // under suppressedViolations in validation-report.json.
    for (const f of [...result.findings, ...result.acknowledged.map((a) => a.finding)].filter(inScope)) {
      violations.push(toViolation(f, f.severity, f.message, templatePathOf(f)));
    }
    for (const { finding: f, exemption: e } of result.exempted.filter((x) => inScope(x.finding))) {
      violations.push(
        toViolation(f, 'info', `[exempted until ${e.expires}: ${e.reason}] ${f.message}`, templatePathOf(f), {
          exemptionResource: e.resource,
          exemptionReason: e.reason,
          exemptionExpires: e.expires,
        }),
      );
    }
    const failing = violations.some((v) => v.severity === 'fatal' || v.severity === 'error');
    return {
      success: !failing,
      violations,
      pluginVersion: this.version,
      metadata: {
        allowedRegions: this.engine.options.allowedRegions.join(','),
        exemptionsApplied: JSON.stringify(
          result.exempted.map((x) => ({
            ruleId: x.finding.ruleId,
            resource: x.exemption.resource,
            logicalId: x.finding.logicalId,
            stack: x.finding.stackName,
            reason: x.exemption.reason,
            expires: x.exemption.expires,
          })),
        ),
        acknowledgementsHonoured: JSON.stringify(
          result.acknowledged.map((x) => ({
            ruleId: x.finding.ruleId,
            acknowledgedAt: x.acknowledgement.constructPath,
            logicalId: x.finding.logicalId,
            stack: x.finding.stackName,
            reason: x.acknowledgement.reason,
          })),
        ),
      },
    };
  }
}

function toViolation(
  f: Finding,
  severity: string,
  description: string,
  templatePath: string | undefined,
  extra: Record<string, string> = {},
): PolicyViolation {
  const isResource =
    f.resourceType !== 'AWS::CloudFormation::Stack' &&
    !f.resourceType.startsWith('CaResidency::') &&
    f.resourceType !== 'Construct';
  return {
    ruleName: f.ruleId,
    description,
    severity,
    fix: 'See docs/rules.md for the rule, its reason and the fix.',
    ruleMetadata: {
      category: f.category,
      stack: f.stackName,
      region: f.region ?? 'unknown',
      logicalId: f.logicalId,
      resourceType: f.resourceType,
      path: f.path,
      ...extra,
    },
    violatingResources: [
      {
        constructPath: f.constructPath ?? '',
        resourceLogicalId: isResource ? f.logicalId : undefined,
        templatePath: isResource ? templatePath : undefined,
        locations: [f.path],
      },
    ],
  };
}

/** One walk over the construct tree: stacks, logical id → construct path, acknowledgements. */
function scanTree(root: IConstruct): TreeScan {
  const stacks: StackInfo[] = [];
  const acknowledgements: RecordedAcknowledgement[] = [];
  const visit = (node: IConstruct, current: StackInfo | undefined): void => {
    let info = current;
    if (Stack.isStack(node)) {
      info = { stack: node, elements: [] };
      stacks.push(info);
    }
    if (info && CfnElement.isCfnElement(node)) info.elements.push(node);
    for (const entry of node.node.metadata) {
      if (entry.type !== Validations.ACKNOWLEDGED_RULES_METADATA_KEY || !entry.data) continue;
      const logicalId =
        info && CfnResource.isCfnResource(node) ? (info.stack.resolve(node.logicalId) as string) : undefined;
      for (const [id, reason] of Object.entries(entry.data as Record<string, string>)) {
        acknowledgements.push({
          id,
          reason: typeof reason === 'string' ? reason : String(reason ?? ''),
          constructPath: node.node.path,
          stackName: info?.stack.stackName,
          logicalId,
        });
      }
    }
    for (const child of node.node.children) visit(child, info);
  };
  visit(root, undefined);
  return { stacks, acknowledgements };
}

function known(v: string): string | undefined {
  return Token.isUnresolved(v) ? undefined : v;
}

function templateFileOf(stack: Stack): string | undefined {
  const stage = Stage.of(stack);
  return stage?.outdir ? path.resolve(stage.outdir, stack.templateFile) : undefined;
}

/** The stack's template: the synthesized file when CDK gives it, otherwise resolved in memory (overrides included). */
function templateOf(info: StackInfo, files: ReadonlyMap<string, string> | undefined): TemplateUnderTest {
  const stack = info.stack;
  let template: CfnTemplate;
  const constructPaths = new Map<string, string>();
  const file = files ? templateFileOf(stack) : undefined;
  if (file && files!.has(file)) {
    template = JSON.parse(fs.readFileSync(file, 'utf-8')) as CfnTemplate;
    for (const el of info.elements) {
      if (CfnResource.isCfnResource(el)) constructPaths.set(stack.resolve(el.logicalId) as string, el.node.path);
    }
  } else {
    template = resolveInMemory(info, constructPaths);
  }
  return {
    stackName: stack.stackName,
    region: known(stack.region),
    account: known(stack.account),
    template,
    templateFile: stack.templateFile,
    stackConstructPath: stack.node.path,
    constructPaths,
  };
}

/**
 * The stack's template resolved in memory, the way Stack synthesis builds it: each element's CloudFormation
 * (raw overrides and deletion overrides applied) resolved once and merged by section. Cheaper than the
 * stack-level path, which resolves the merged template a second time.
 */
function resolveInMemory(info: StackInfo, constructPaths: Map<string, string>): CfnTemplate {
  const template: Record<string, Record<string, unknown>> = {};
  for (const el of info.elements) {
    const fragment = info.stack.resolve(
      (el as unknown as { _toCloudFormation(): object })._toCloudFormation(),
    ) as Record<string, Record<string, unknown>>;
    for (const [section, entries] of Object.entries(fragment ?? {})) {
      if (!entries || typeof entries !== 'object') continue;
      const target = (template[section] ??= {});
      for (const [key, value] of Object.entries(entries)) {
        target[key] = value;
        if (section === 'Resources' && CfnResource.isCfnResource(el)) constructPaths.set(key, el.node.path);
      }
    }
  }
  return template;
}

function templatePathLookup(
  root: IConstruct,
  files: ReadonlyMap<string, string> | undefined,
): (f: Finding) => string | undefined {
  if (!files) return () => undefined;
  const byStackName = new Map<string, string>();
  for (const node of root.node.findAll()) {
    if (!Stack.isStack(node)) continue;
    const file = templateFileOf(node);
    if (file && files.has(file)) byStackName.set(node.stackName, files.get(file)!);
  }
  return (f) => byStackName.get(f.stackName);
}

/**
 * Writes the pack's policy into `Metadata.CaResidency` of each stack template at synth (see docs/nag-pack.md).
 * Runs as an aspect so that stacks created after the pack are covered.
 */
class RecordResidencyPolicy implements IAspect {
  private acks: RecordedAcknowledgement[] | undefined;
  constructor(
    private readonly engine: ResidencyEngine,
    private readonly options: ResidencyOptions,
  ) {}

  public visit(node: IConstruct): void {
    if (!Stack.isStack(node)) return;
    // Aspects run after the app code, so acknowledgements are all recorded by now: scan once.
    this.acks ??= scanTree(node.node.root).acknowledgements;
    const stackPath = node.node.path;
    const relevant = this.acks.filter((a) => {
      if (!/(^|::)CaResidency-/.test(a.id)) return false;
      // Acknowledgements inside this stack, or on an ancestor (stage, app) that covers it.
      return (
        a.constructPath === '' ||
        a.constructPath === stackPath ||
        a.constructPath.startsWith(`${stackPath}/`) ||
        stackPath.startsWith(`${a.constructPath}/`)
      );
    });
    const policy: RecordedPolicy = {
      schemaVersion: 1,
      allowedRegions: this.engine.options.allowedRegions,
      bucketsDeclaredCanadian: this.engine.options.bucketsDeclaredCanadian,
      declaredDestinations: this.engine.options.declaredDestinations,
      availabilityOverrides: this.engine.options.availabilityOverrides,
      statelessTypes: this.engine.options.statelessTypes,
      exemptions: this.options.exemptions ?? [],
      acknowledgements: relevant,
    };
    node.addMetadata(POLICY_METADATA_KEY, policy);
  }
}
