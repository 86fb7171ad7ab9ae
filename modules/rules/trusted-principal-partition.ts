/** Trusted principals are in the stack's partition. */
import { partitionOf } from '../policy/arn';
import type { RuleProblem } from './rule';
import type { ConsumerContext, ConsumerSubject } from './subjects';

/**
 * Each ARN in `trustedPrincipals` is in the partition of the stack's region: IAM rejects a trust
 * policy that names a principal of another partition.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html
 */
export function checkTrustedPrincipalPartition(
  consumer: Pick<ConsumerSubject, 'trustedPrincipals'>,
  context: Pick<ConsumerContext, 'region'>,
): RuleProblem[] {
  const { region } = context;
  if (region === undefined) return [];
  const partition = partitionOf(region);
  const problems: RuleProblem[] = [];
  (consumer.trustedPrincipals ?? []).forEach((t, ti) => {
    const m = /^arn:([^:]+):/.exec(t);
    if (m && m[1] !== partition) {
      problems.push({
        path: ['trustedPrincipals', ti],
        value: t,
        rule: `is in partition ${m[1]}, but the stack's region ${region} is in ${partition}; IAM rejects principals of another partition`,
      });
    }
  });
  return problems;
}
