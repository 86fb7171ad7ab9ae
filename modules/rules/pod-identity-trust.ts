/** Pod Identity conditions go with a created role that trusts EKS Pod Identity. */
import { EKS_POD_IDENTITY_PRINCIPAL } from '../policy/trust';
import { POD_IDENTITY_DOC } from './pod-identity';
import type { RuleProblem } from './rule';
import type { ConsumerSubject } from './subjects';

/**
 * `podIdentity` is used only when the stack creates the consumer role (it writes the trust policy
 * the conditions go into) and `trustedPrincipals` lists `pods.eks.amazonaws.com`.
 * https://docs.aws.amazon.com/eks/latest/userguide/pod-id-role.html
 */
export function checkPodIdentityTrust(
  consumer: Pick<ConsumerSubject, 'podIdentity' | 'existingRole' | 'trustedPrincipals'>,
): RuleProblem[] {
  if (consumer.podIdentity === undefined) return [];
  if (!consumer.existingRole && (consumer.trustedPrincipals ?? []).includes(EKS_POD_IDENTITY_PRINCIPAL)) return [];
  return [
    {
      path: ['podIdentity'],
      value: consumer.podIdentity,
      rule: `is used only when the stack creates the consumer role and "trustedPrincipals" lists "${EKS_POD_IDENTITY_PRINCIPAL}" (${POD_IDENTITY_DOC})`,
    },
  ];
}
