/** Trusted principals need a trust policy the module writes. */
import type { RuleProblem } from './rule';
import type { ConsumerSubject } from './subjects';

/**
 * With `existingRole: true`, `trustedPrincipals` has no effect: the module does not write an
 * existing role's trust policy.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/roles-managingrole-editing-console.html#roles-managingrole_edit-trust-policy
 */
export function checkExistingRoleTrustedPrincipals(
  consumer: Pick<ConsumerSubject, 'existingRole' | 'trustedPrincipals'>,
): RuleProblem[] {
  if (!consumer.existingRole || consumer.trustedPrincipals === undefined) return [];
  return [
    {
      path: ['trustedPrincipals'],
      value: consumer.trustedPrincipals,
      rule: 'has no effect with "existingRole": true (the module does not write an existing role\'s trust policy); remove it',
    },
  ];
}
