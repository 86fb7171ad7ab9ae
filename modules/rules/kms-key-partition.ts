/** The owner's key is in the region's partition. */
import { partitionOf } from '../policy/arn';
import { wellFormedKmsKey } from './kms-key-arn';
import type { RuleProblem } from './rule';
import type { OwnerSubject } from './subjects';

/**
 * The key ARN's partition is the region's. Checked once the key is in the owner account and region.
 * https://docs.aws.amazon.com/whitepapers/latest/aws-fault-isolation-boundaries/partitions.html
 */
export function checkKmsKeyPartition(
  owner: Pick<OwnerSubject, 'accountId' | 'encryption' | 'kmsKeyArn' | 'region'>,
): RuleProblem[] {
  const key = wellFormedKmsKey(owner);
  const { region } = owner;
  if (key === undefined || key.accountId !== owner.accountId || region === undefined || key.region !== region) {
    return [];
  }
  if (key.partition === partitionOf(region)) return [];
  return [
    {
      path: ['kmsKeyArn'],
      value: owner.kmsKeyArn,
      rule: `is in partition ${key.partition}; the region ${region} is in ${partitionOf(region)}`,
    },
  ];
}
