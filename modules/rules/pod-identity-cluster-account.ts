/** The Pod Identity cluster is in the consumer account. */
import { POD_IDENTITY_DOC } from './pod-identity';
import type { RuleProblem } from './rule';
import type { ConsumerSubject } from './subjects';

/**
 * `podIdentity.clusterArn` is a cluster of the consumer account: EKS Pod Identity assumes a role of
 * the cluster's own account.
 * https://docs.aws.amazon.com/eks/latest/userguide/pod-id-role.html
 */
export function checkPodIdentityClusterAccount(
  consumer: Pick<ConsumerSubject, 'podIdentity' | 'accountId'>,
): RuleProblem[] {
  const cluster = consumer.podIdentity?.clusterArn?.split(':');
  if (cluster === undefined || cluster[4] === consumer.accountId) return [];
  return [
    {
      path: ['podIdentity', 'clusterArn'],
      value: consumer.podIdentity?.clusterArn,
      rule: `is a cluster of account ${cluster[4]}; EKS Pod Identity assumes a role of the cluster's own account, here the consumer account ${consumer.accountId} (${POD_IDENTITY_DOC})`,
    },
  ];
}
