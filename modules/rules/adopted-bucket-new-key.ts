/** Warning: an adopted bucket gets a new key. */
import type { RuleProblem } from './rule';
import type { OwnerSubject } from './subjects';

/**
 * Warning: an adopted bucket with `encryption: kms` and no `kmsKeyArn` gets a new key as its
 * default encryption; objects written before keep theirs, which consumers may not be granted.
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucket-encryption.html
 */
export function warnAdoptedBucketNewKey(
  owner: Pick<OwnerSubject, 'existingBucket' | 'encryption' | 'kmsKeyArn'>,
): RuleProblem[] {
  if (!owner.existingBucket?.adopt || (owner.encryption ?? 'kms') !== 'kms' || owner.kmsKeyArn !== undefined) return [];
  return [
    {
      path: ['kmsKeyArn'],
      value: undefined,
      rule: 'is not set, so the adopted bucket gets a new key as its default encryption: objects written before stay encrypted as they are, and if that is another KMS key the consumers cannot read them; give that key here to keep it',
    },
  ];
}
