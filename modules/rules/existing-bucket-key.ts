/** An existing bucket with SSE-KMS names the key it already uses. */
import type { RuleProblem } from './rule';
import type { OwnerSubject } from './subjects';

/**
 * `kmsKeyArn` is required with `existingBucket` (not adopted) and `encryption: kms`: the stack does
 * not change an existing bucket's default encryption, so the grants must name the key it uses.
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/UsingKMSEncryption.html
 */
export function checkExistingBucketKey(
  owner: Pick<OwnerSubject, 'existingBucket' | 'encryption' | 'kmsKeyArn'>,
): RuleProblem[] {
  if (owner.existingBucket === undefined || owner.existingBucket.adopt) return [];
  if ((owner.encryption ?? 'kms') !== 'kms' || owner.kmsKeyArn !== undefined) return [];
  return [
    {
      path: ['kmsKeyArn'],
      value: undefined,
      rule: 'is required with "existingBucket" and "encryption": "kms": the stack does not change an existing bucket\'s default encryption, so give the key it already uses (or "encryption": "s3" for a bucket with SSE-S3)',
    },
  ];
}
