/** Terraform references between the constructs: dependency addresses, and references at their real length. */
import { TerraformResource, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';

/**
 * Appends a `depends_on` entry: the plain address `<type>.<logical id>` (a literal, not a token:
 * tokens cost a stack trace each, which adds up over hundreds of consumers). A resource of another
 * stack (split stacks) gets none: the order of the stacks covers it (see `TerraformStack.addDependency`).
 */
export function addDependency(resource: TerraformResource, on: TerraformResource): void {
  if (TerraformStack.of(resource) !== TerraformStack.of(on)) return;
  resource.dependsOn = [...(resource.dependsOn ?? []), `${on.terraformResourceType}.${on.friendlyUniqueId}`];
}

/** Replaces every occurrence of each key of `substitutions` in `text`. */
export function substitute(text: string, substitutions: ReadonlyMap<string, string>): string {
  let out = text;
  for (const [from, to] of substitutions) out = out.split(from).join(to);
  return out;
}

/** The value `registry` holds for the stack of `scope`, created by `init` on first use. */
export function ofStack<T>(registry: WeakMap<TerraformStack, T>, scope: Construct, init: () => T): T {
  const stack = TerraformStack.of(scope);
  const value = registry.get(stack) ?? init();
  registry.set(stack, value);
  return value;
}
