/** The owner's key is in the owner account. */
import { wellFormedKmsKey } from './kms-key-arn';
import type { RuleProblem } from './rule';
import type { OwnerSubject } from './subjects';

/**
 * The key is in the owner account, which controls its key policy (the stack writes it).
 * https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-modifying-external-accounts.html
 */
export function checkKmsKeyAccount(owner: Pick<OwnerSubject, 'accountId' | 'encryption' | 'kmsKeyArn'>): RuleProblem[] {
  const key = wellFormedKmsKey(owner);
  if (key === undefined || key.accountId === owner.accountId) return [];
  return [
    {
      path: ['kmsKeyArn'],
      value: owner.kmsKeyArn,
      rule: `is in account ${key.accountId}; the key must be in the owner account ${owner.accountId}, which controls its key policy`,
    },
  ];
}
