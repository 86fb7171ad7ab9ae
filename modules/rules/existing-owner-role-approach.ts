/** An existing owner role belongs to the assume-role approach. */
import type { RuleProblem } from './rule';
import type { ConsumerContext, ConsumerSubject } from './subjects';

/** `existingOwnerRole` is used only with `approach: assume-role`: the direct approach has no owner-side role. */
export function checkExistingOwnerRoleApproach(
  consumer: Pick<ConsumerSubject, 'existingOwnerRole'>,
  context: Pick<ConsumerContext, 'approach'>,
): RuleProblem[] {
  if (!consumer.existingOwnerRole || context.approach !== 'direct') return [];
  return [
    {
      path: ['existingOwnerRole'],
      value: consumer.existingOwnerRole,
      rule: 'is used only with "approach": "assume-role" (the direct approach has no owner-side role); remove it',
    },
  ];
}
