/**
 * Rule: every AWS resource names its provider. With two accounts in one stack, a resource that
 * falls back to the default provider would be created in whichever account that happens to be.
 */
import { TerraformResource, TerraformStack } from 'cdktf';
import { IConstruct } from 'constructs';

/** Messages for every AWS resource under `scope` that has no explicit provider. */
export function resourcesWithoutProvider(scope: IConstruct): string[] {
  return scope.node
    .findAll()
    .filter((c): c is TerraformResource => c instanceof TerraformResource)
    .filter((r) => r.terraformResourceType.startsWith('aws_') && r.provider === undefined)
    .map(
      (r) =>
        `${r.terraformResourceType} at ${r.node.path} has no explicit provider; with two accounts in one stack every AWS resource must name the provider of its account`,
    );
}

/**
 * Registers the rule as a validation of the stack: `cdktf synth` (and `Testing.synth(stack, true)`)
 * then fails with the messages.
 */
export function requireExplicitProviders(stack: TerraformStack): void {
  stack.node.addValidation({ validate: () => resourcesWithoutProvider(stack) });
}
