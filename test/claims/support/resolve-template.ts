import { CfnResource, CfnTemplate } from '../../support/template-queries';

/** Where a synthesized stack deploys: what its pseudo parameters and generated names resolve to. */
export interface StackEnv {
  readonly account: string;
  readonly region: string;
}

/**
 * A template's policies with every intrinsic replaced by the value it has once deployed: `Ref` and
 * `Fn::GetAtt` of this template's resources become the names and ARNs AWS would give them (physical names
 * when set, the logical id otherwise), pseudo parameters become the stack's account and region, and
 * `Fn::Join`, `Fn::Sub`, `Fn::Select` are evaluated. Anything else throws: a claim cannot be proven over a
 * value the evaluator would have to guess.
 */
export function resolveIntrinsics<T>(value: T, template: CfnTemplate, env: StackEnv): T {
  return new Resolver(template, env).resolve(value) as T;
}

class Resolver {
  constructor(
    private readonly template: CfnTemplate,
    private readonly env: StackEnv,
  ) {}

  resolve(value: unknown): unknown {
    if (Array.isArray(value)) return value.map((v) => this.resolve(v));
    if (!value || typeof value !== 'object') return value;
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.length === 1) {
      const [fn, arg] = entries[0];
      if (fn === 'Ref') return this.ref(arg as string);
      if (fn === 'Fn::GetAtt') return this.getAtt(...(arg as [string, string]));
      if (fn === 'Fn::Join') {
        const [separator, parts] = arg as [string, unknown[]];
        return (this.resolve(parts) as unknown[]).map(String).join(separator);
      }
      if (fn === 'Fn::Select') {
        const [index, list] = arg as [number, unknown];
        return (this.resolve(list) as unknown[])[Number(index)];
      }
      if (fn === 'Fn::Split') {
        const [separator, source] = arg as [string, unknown];
        return String(this.resolve(source)).split(separator);
      }
      if (fn === 'Fn::Sub') return this.sub(arg as string | [string, Record<string, unknown>]);
      if (fn.startsWith('Fn::') || fn === 'Condition')
        throw new Error(`cannot resolve ${fn} in ${JSON.stringify(value)}`);
    }
    return Object.fromEntries(entries.map(([k, v]) => [k, this.resolve(v)]));
  }

  private sub(arg: string | [string, Record<string, unknown>]): string {
    const [text, vars] = typeof arg === 'string' ? [arg, {}] : arg;
    return text.replace(/\$\{([^}!]+)\}/g, (_, name: string) => {
      if (name in vars) return String(this.resolve(vars[name]));
      const [id, attribute] = name.split('.');
      return String(attribute ? this.getAtt(id, attribute) : this.ref(id));
    });
  }

  private resource(logicalId: string): CfnResource {
    const resource = this.template.Resources[logicalId];
    if (!resource) throw new Error(`no resource ${logicalId} in the template`);
    return resource;
  }

  private ref(name: string): string {
    const pseudo: Record<string, string> = {
      'AWS::AccountId': this.env.account,
      'AWS::Region': this.env.region,
      'AWS::Partition': 'aws',
      'AWS::URLSuffix': 'amazonaws.com',
    };
    if (name in pseudo) return pseudo[name];
    const resource = this.resource(name);
    const p = resource.Properties ?? {};
    const { account, region } = this.env;
    switch (resource.Type) {
      case 'AWS::S3::Bucket':
        return p.BucketName ?? name.toLowerCase();
      case 'AWS::SNS::Topic':
        return `arn:aws:sns:${region}:${account}:${p.TopicName ?? name}`;
      case 'AWS::SQS::Queue':
        return `https://sqs.${region}.amazonaws.com/${account}/${p.QueueName ?? name}`;
      case 'AWS::IAM::Role':
        return p.RoleName ?? name;
      case 'AWS::KMS::Key':
        return keyId(name);
      case 'AWS::Logs::LogGroup':
        return p.LogGroupName ?? name;
      case 'AWS::Lambda::Function':
        return p.FunctionName ?? name;
      case 'AWS::IAM::ManagedPolicy':
        return `arn:aws:iam::${account}:policy/${p.ManagedPolicyName ?? name}`;
      default:
        throw new Error(`cannot resolve Ref to ${resource.Type} ${name}`);
    }
  }

  private getAtt(logicalId: string, attribute: string): string {
    const resource = this.resource(logicalId);
    const { account, region } = this.env;
    const name = this.ref(logicalId);
    const arns: Record<string, string> = {
      'AWS::S3::Bucket': `arn:aws:s3:::${name}`,
      'AWS::KMS::Key': `arn:aws:kms:${region}:${account}:key/${name}`,
      'AWS::IAM::Role': `arn:aws:iam::${account}:role/${name}`,
      'AWS::SQS::Queue': `arn:aws:sqs:${region}:${account}:${name.split('/').pop()}`,
      'AWS::Logs::LogGroup': `arn:aws:logs:${region}:${account}:log-group:${name}:*`,
      'AWS::Lambda::Function': `arn:aws:lambda:${region}:${account}:function:${name}`,
      'AWS::SNS::Topic': name,
    };
    if ((attribute === 'Arn' || attribute === 'TopicArn') && resource.Type in arns) return arns[resource.Type];
    if (attribute === 'QueueName' && resource.Type === 'AWS::SQS::Queue') return name.split('/').pop()!;
    throw new Error(`cannot resolve Fn::GetAtt ${logicalId}.${attribute} (${resource.Type})`);
  }
}

/** A key id shaped like the ones KMS generates, stable per logical id. */
function keyId(logicalId: string): string {
  const hex = Buffer.from(logicalId).toString('hex').padEnd(32, '0').slice(0, 32);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}
