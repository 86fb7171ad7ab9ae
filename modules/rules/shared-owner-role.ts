/** Warning: a created owner role that another entry names as existing is not confined. */
import { ownerRoleNameOf } from './derived-names';
import type { RuleProblem } from './rule';
import type { ConfigSubject, ConsumerSubject } from './subjects';

/** `<account>/<role name, lowercase>` of a consumer's owner role. */
export function ownerRoleKey(
  ownerAccountId: string,
  consumer: Pick<ConsumerSubject, 'name' | 'ownerRoleName'>,
): string {
  return `${ownerAccountId}/${ownerRoleNameOf(consumer).toLowerCase()}`;
}

/**
 * The owner roles (see {@link ownerRoleKey}) that an assume-role entry names as its
 * `existingOwnerRole`: an entry that creates one of them cannot confine it to its own share, or the
 * other entry's share would be denied (and one stack cannot name another's new key).
 */
export function ownerRolesNamedAsExisting(config: ConfigSubject): Set<string> {
  const existing = new Set<string>();
  for (const stack of config.stacks) {
    if (stack.approach !== 'assume-role' || !stack.owner) continue;
    for (const c of stack.consumers) if (c?.existingOwnerRole) existing.add(ownerRoleKey(stack.owner.accountId, c));
  }
  return existing;
}

/**
 * Warning: an owner role an entry creates and another entry names as its `existingOwnerRole` is
 * not confined to the share, so within the owner account a resource policy that trusts the whole
 * account reaches its sessions.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic_policy-eval-basics.html
 */
export function warnSharedOwnerRole(config: ConfigSubject): RuleProblem[] {
  const shared = ownerRolesNamedAsExisting(config);
  const problems: RuleProblem[] = [];
  config.stacks.forEach((stack, si) => {
    const { owner } = stack;
    if (stack.approach !== 'assume-role' || !owner) return;
    stack.consumers.forEach((c, ci) => {
      if (!c || c.existingOwnerRole || !shared.has(ownerRoleKey(owner.accountId, c))) return;
      problems.push({
        path: ['stacks', si, 'consumers', ci, 'ownerRoleName'],
        value: ownerRoleNameOf(c),
        rule: `is created here and named by another entry as its "existingOwnerRole", so the stack does not confine it to this share (the other entry's share would be denied): within the owner account any resource policy that trusts the whole account reaches consumer ${c.name}'s sessions too; deny the role everything outside its shares in a policy of your own (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic_policy-eval-basics.html)`,
      });
    });
  });
  return problems;
}
