/** A chained session lasts at most an hour. */
import type { RuleProblem } from './rule';
import type { ConsumerContext, ConsumerSubject } from './subjects';

/**
 * In the assume-role approach `sessionDurationSeconds` is at most 3,600: assuming the owner role
 * from the consumer role is role chaining, which AWS limits to one hour.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_terms-and-concepts.html#iam-term-role-chaining
 */
export function checkRoleChainingDuration(
  consumer: Pick<ConsumerSubject, 'sessionDurationSeconds'>,
  context: Pick<ConsumerContext, 'approach'>,
): RuleProblem[] {
  const seconds = consumer.sessionDurationSeconds;
  if (context.approach !== 'assume-role' || seconds === undefined || seconds <= 3600) return [];
  return [
    {
      path: ['sessionDurationSeconds'],
      value: seconds,
      rule: 'is over 3,600 s: assuming the owner role from the consumer role is role chaining, which AWS limits to one hour (https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_terms-and-concepts.html#iam-term-role-chaining)',
    },
  ];
}
