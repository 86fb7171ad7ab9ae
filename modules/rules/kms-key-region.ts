/** The owner's key is in the bucket's region. */
import { wellFormedKmsKey } from './kms-key-arn';
import type { RuleProblem } from './rule';
import type { OwnerSubject } from './subjects';

/**
 * The key is in the bucket's region: S3 default encryption uses a key of the bucket's region.
 * Checked once the key is in the owner account.
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/UsingKMSEncryption.html
 */
export function checkKmsKeyRegion(
  owner: Pick<OwnerSubject, 'accountId' | 'encryption' | 'kmsKeyArn' | 'region'>,
): RuleProblem[] {
  const key = wellFormedKmsKey(owner);
  const { region } = owner;
  if (key === undefined || key.accountId !== owner.accountId || region === undefined || key.region === region) {
    return [];
  }
  return [
    {
      path: ['kmsKeyArn'],
      value: owner.kmsKeyArn,
      rule: `is in region ${key.region}; S3 default encryption needs a key in the bucket's region ${region}`,
    },
  ];
}
