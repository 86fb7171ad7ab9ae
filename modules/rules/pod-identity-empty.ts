/** Pod Identity names at least one condition. */
import type { RuleProblem } from './rule';
import type { ConsumerSubject } from './subjects';

/**
 * `podIdentity` names a cluster, namespace or service account: without one, any pod of any cluster
 * in the account may use the role.
 * https://docs.aws.amazon.com/eks/latest/userguide/pod-id-abac.html
 */
export function checkPodIdentityEmpty(consumer: Pick<ConsumerSubject, 'podIdentity'>): RuleProblem[] {
  if (consumer.podIdentity === undefined || Object.keys(consumer.podIdentity).length !== 0) return [];
  return [
    {
      path: ['podIdentity'],
      value: consumer.podIdentity,
      rule: 'names no condition: give "clusterArn", "namespace" or "serviceAccount", or remove "podIdentity" (any pod of any cluster in the account may then use the role)',
    },
  ];
}
