import { App, IPolicyValidationContext } from 'aws-cdk-lib';
import { CloudAssembly } from 'aws-cdk-lib/cx-api';

/** The context CDK hands a validation plugin at synth, rebuilt from an assembly so a plugin can be timed alone. */
export function validationContext(app: App, assembly: CloudAssembly): IPolicyValidationContext {
  const stackTemplates = assembly.stacks.map((s) => ({
    stackConstructPath: s.hierarchicalId,
    templatePath: s.templateFullPath,
    accountId: s.environment.account,
    region: s.environment.region,
  }));
  return { templatePaths: stackTemplates.map((s) => s.templatePath), stackTemplates, appConstruct: app };
}
