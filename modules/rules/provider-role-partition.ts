/** A deployment role is in the stack's partition. */
import { partitionOf } from '../policy/arn';
import type { RuleProblem } from './rule';
import type { ConsumerContext, ProviderSubject } from './subjects';

/**
 * A provider's `assumeRoleArn` is in the partition of the stack's region: STS does not assume a
 * role of another partition. The subject is the owner or a consumer (whoever the provider signs in for).
 * https://docs.aws.amazon.com/whitepapers/latest/aws-fault-isolation-boundaries/partitions.html
 */
export function checkProviderRolePartition(
  subject: {
    /**
     * The provider's settings.
     * @default undefined: the ambient credentials (nothing to check)
     */
    readonly provider?: ProviderSubject;
  },
  context: Pick<ConsumerContext, 'region'>,
): RuleProblem[] {
  const arn = subject.provider?.assumeRoleArn;
  const { region } = context;
  if (arn === undefined || region === undefined) return [];
  const rolePartition = /^arn:([^:]+):/.exec(arn)?.[1];
  if (rolePartition === undefined || rolePartition === partitionOf(region)) return [];
  return [
    {
      path: ['provider', 'assumeRoleArn'],
      value: arn,
      rule: `is in partition ${rolePartition}, but the stack's region ${region} is in ${partitionOf(region)}`,
    },
  ];
}
