/** Owner-role options belong to the assume-role approach. */
import type { RuleProblem } from './rule';
import type { ConsumerContext, ConsumerSubject } from './subjects';

/**
 * In the direct approach, `externalId`, `ownerRolePath` and `ownerRoleName` are not used: they
 * describe the owner-side role of the assume-role approach. (`existingOwnerRole` is the rule
 * `checkExistingOwnerRoleApproach`.)
 */
export function checkAssumeRoleOptions(
  consumer: Pick<ConsumerSubject, 'externalId' | 'ownerRolePath' | 'ownerRoleName'>,
  context: Pick<ConsumerContext, 'approach'>,
): RuleProblem[] {
  if (context.approach !== 'direct') return [];
  const rule = 'is used only with "approach": "assume-role"; remove it for "direct"';
  const problems: RuleProblem[] = [];
  if (consumer.externalId !== undefined) problems.push({ path: ['externalId'], value: consumer.externalId, rule });
  if (consumer.ownerRolePath !== undefined && consumer.ownerRolePath !== '/') {
    problems.push({ path: ['ownerRolePath'], value: consumer.ownerRolePath, rule });
  }
  if (consumer.ownerRoleName !== undefined) {
    problems.push({ path: ['ownerRoleName'], value: consumer.ownerRoleName, rule });
  }
  return problems;
}
