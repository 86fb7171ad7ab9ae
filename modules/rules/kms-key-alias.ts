/** The owner's key is not named by an alias. */
import { parseKmsKeyArn } from '../policy/arn';
import { KMS_KEY_DOC } from './kms-key-arn';
import type { RuleProblem } from './rule';
import type { OwnerSubject } from './subjects';

/**
 * With `encryption: kms`, `kmsKeyArn` is not an alias ARN: S3 resolves an alias in the requester's
 * account, so a consumer would encrypt with a key of its own.
 * https://docs.aws.amazon.com/kms/latest/developerguide/concepts.html#key-id
 */
export function checkKmsKeyNotAlias(owner: Pick<OwnerSubject, 'encryption' | 'kmsKeyArn'>): RuleProblem[] {
  if (owner.kmsKeyArn === undefined || (owner.encryption ?? 'kms') !== 'kms') return [];
  if (!parseKmsKeyArn(owner.kmsKeyArn)?.resource.startsWith('alias/')) return [];
  return [
    {
      path: ['kmsKeyArn'],
      value: owner.kmsKeyArn,
      rule: `is an alias; give the key ARN: S3 resolves an alias in the requester's account, so a consumer would encrypt with a key of its own (${KMS_KEY_DOC})`,
    },
  ];
}
