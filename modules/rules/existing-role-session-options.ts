/** Session options need a trust policy the module writes. */
import type { RuleProblem } from './rule';
import type { ConsumerContext, ConsumerSubject } from './subjects';

/**
 * In the direct approach with `existingRole: true`, `sessionTagKeys` and `sourceIdentity` have no
 * effect: they allow `sts:TagSession` / `sts:SetSourceIdentity` in the consumer role's trust
 * policy, which the module does not write for an existing role.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/id_session-tags.html#id_session-tags_adding-assume-role
 */
export function checkExistingRoleSessionOptions(
  consumer: Pick<ConsumerSubject, 'existingRole' | 'sessionTagKeys' | 'sourceIdentity'>,
  context: Pick<ConsumerContext, 'approach'>,
): RuleProblem[] {
  if (!consumer.existingRole || context.approach !== 'direct') return [];
  const problems: RuleProblem[] = [];
  if (consumer.sessionTagKeys !== undefined) {
    problems.push({
      path: ['sessionTagKeys'],
      value: consumer.sessionTagKeys,
      rule: 'has no effect with "existingRole": true in the direct approach (the module writes no trust policy that could allow sts:TagSession); remove it',
    });
  }
  if (consumer.sourceIdentity) {
    problems.push({
      path: ['sourceIdentity'],
      value: consumer.sourceIdentity,
      rule: 'has no effect with "existingRole": true in the direct approach (the module writes no trust policy that could allow sts:SetSourceIdentity); remove it',
    });
  }
  return problems;
}
