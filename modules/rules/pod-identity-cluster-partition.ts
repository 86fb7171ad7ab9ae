/** The Pod Identity cluster is in the stack's partition. */
import { partitionOf } from '../policy/arn';
import type { RuleProblem } from './rule';
import type { ConsumerContext, ConsumerSubject } from './subjects';

/**
 * `podIdentity.clusterArn` is in the partition of the stack's region (the trust condition compares
 * it with the session tag EKS sets).
 * https://docs.aws.amazon.com/eks/latest/userguide/pod-id-abac.html
 */
export function checkPodIdentityClusterPartition(
  consumer: Pick<ConsumerSubject, 'podIdentity'>,
  context: Pick<ConsumerContext, 'region'>,
): RuleProblem[] {
  const cluster = consumer.podIdentity?.clusterArn?.split(':');
  const { region } = context;
  if (cluster === undefined || region === undefined || cluster[1] === partitionOf(region)) return [];
  return [
    {
      path: ['podIdentity', 'clusterArn'],
      value: consumer.podIdentity?.clusterArn,
      rule: `is in partition ${cluster[1]}, but the stack's region ${region} is in ${partitionOf(region)}`,
    },
  ];
}
