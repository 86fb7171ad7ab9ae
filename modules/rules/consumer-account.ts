/** A consumer is in another account than the owner. */
import type { RuleProblem } from './rule';
import type { ConsumerContext, ConsumerSubject } from './subjects';

/**
 * The consumer's account is not the owner's: the module grants cross-account access only; within
 * one account an identity policy (or the resource policy alone) grants it.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic-cross-account.html
 */
export function checkConsumerAccount(
  consumer: Pick<ConsumerSubject, 'accountId'>,
  context: Pick<ConsumerContext, 'ownerAccountId'>,
): RuleProblem[] {
  if (context.ownerAccountId === undefined || consumer.accountId !== context.ownerAccountId) return [];
  return [
    {
      path: ['accountId'],
      value: consumer.accountId,
      rule: 'is the owner account; this module grants cross-account access only (grant same-account roles with their own IAM policies)',
    },
  ];
}
