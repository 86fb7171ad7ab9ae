/** Warning: a Pod Identity service account without its namespace. */
import type { RuleProblem } from './rule';
import type { ConsumerSubject } from './subjects';

/**
 * Warning: `podIdentity.serviceAccount` without `namespace` lets a service account of that name in
 * any namespace use the role.
 * https://docs.aws.amazon.com/eks/latest/userguide/pod-id-abac.html
 */
export function warnServiceAccountNamespace(consumer: Pick<ConsumerSubject, 'podIdentity'>): RuleProblem[] {
  const pod = consumer.podIdentity;
  if (pod?.serviceAccount === undefined || pod.namespace !== undefined) return [];
  return [
    {
      path: ['podIdentity', 'serviceAccount'],
      value: pod.serviceAccount,
      rule: 'is given without "namespace": a service account of that name in any namespace may use the role; give the namespace too',
    },
  ];
}
