/** The assume-role approach needs an external ID. */
import type { RuleProblem } from './rule';
import type { ConsumerContext, ConsumerSubject } from './subjects';

/**
 * `externalId` is required with `approach: assume-role`: the owner role trusts the consumer role
 * only with this external ID (the confused-deputy guard).
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_common-scenarios_third-party.html
 */
export function checkExternalIdRequired(
  consumer: Pick<ConsumerSubject, 'externalId'>,
  context: Pick<ConsumerContext, 'approach'>,
): RuleProblem[] {
  if (context.approach !== 'assume-role' || consumer.externalId !== undefined) return [];
  return [
    {
      path: ['externalId'],
      value: undefined,
      rule: 'is required with "approach": "assume-role" (the owner role trusts the consumer role only with this external ID)',
    },
  ];
}
