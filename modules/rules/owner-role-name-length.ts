/** The derived owner role name fits IAM's limit. */
import { defaultOwnerRoleName } from './derived-names';
import { ROLE_NAME_MAX } from './role-name';
import type { RuleProblem } from './rule';
import type { ConsumerContext, ConsumerSubject } from './subjects';

/**
 * In the assume-role approach, a consumer without `ownerRoleName` gets `S3AccessFrom<Name>`, which
 * must fit IAM's 64 characters; else the consumer sets `ownerRoleName`.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html#reference_iam-quotas-names
 */
export function checkOwnerRoleNameLength(
  consumer: Pick<ConsumerSubject, 'name' | 'ownerRoleName'>,
  context: Pick<ConsumerContext, 'approach'>,
): RuleProblem[] {
  if (context.approach !== 'assume-role' || consumer.ownerRoleName !== undefined) return [];
  const ownerRoleName = defaultOwnerRoleName(consumer.name);
  if (ownerRoleName.length <= ROLE_NAME_MAX) return [];
  return [
    {
      path: ['name'],
      value: consumer.name,
      rule: `gives the derived owner role name "${ownerRoleName}" of ${ownerRoleName.length} characters, over IAM's ${ROLE_NAME_MAX}; set "ownerRoleName"`,
    },
  ];
}
