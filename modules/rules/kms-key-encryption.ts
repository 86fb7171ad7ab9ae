/** A key ARN goes with SSE-KMS only. */
import type { RuleProblem } from './rule';
import type { OwnerSubject } from './subjects';

/**
 * `kmsKeyArn` is set only with `encryption: kms`: with SSE-S3 no key is used.
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/default-bucket-encryption.html
 */
export function checkKmsKeyEncryption(owner: Pick<OwnerSubject, 'encryption' | 'kmsKeyArn'>): RuleProblem[] {
  if (owner.kmsKeyArn === undefined || (owner.encryption ?? 'kms') === 'kms') return [];
  return [
    {
      path: ['kmsKeyArn'],
      value: owner.kmsKeyArn,
      rule: 'is set but "encryption" is "s3"; remove it or set "encryption": "kms"',
    },
  ];
}
