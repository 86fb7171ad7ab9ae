/** Warning: an existing owner role is not confined. */
import { ownerRoleNameOf } from './derived-names';
import type { RuleProblem } from './rule';
import type { ConsumerContext, ConsumerSubject } from './subjects';

/**
 * Warning: with `existingOwnerRole` the stack does not confine the owner role to the share (it may
 * hold other duties), so within the owner account a resource policy that trusts the whole account
 * reaches the consumer's sessions.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic_policy-eval-basics.html
 */
export function warnExistingOwnerRoleUnconfined(
  consumer: Pick<ConsumerSubject, 'name' | 'ownerRoleName' | 'existingOwnerRole'>,
  context: Pick<ConsumerContext, 'approach'>,
): RuleProblem[] {
  if (context.approach !== 'assume-role' || !consumer.existingOwnerRole) return [];
  return [
    {
      path: ['existingOwnerRole'],
      value: true,
      rule: `is set, so the stack does not confine the role ${ownerRoleNameOf(consumer)} to this share (it may hold other duties): within the owner account any resource policy that trusts the whole account (a bucket policy with "Principal": "*" and aws:PrincipalAccount, a key policy with kms:CallerAccount) reaches consumer ${consumer.name}'s sessions too; deny the role everything outside its shares in its own policy (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic_policy-eval-basics.html)`,
    },
  ];
}
