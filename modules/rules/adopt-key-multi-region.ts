/** A multi-Region key is not adopted. */
import type { RuleProblem } from './rule';
import type { OwnerSubject } from './subjects';

/**
 * `adoptKey` is refused for a multi-Region key (`key/mrk-…`): the stack manages a single-Region key
 * (`aws_kms_key`), so Terraform would replace the adopted one.
 * https://docs.aws.amazon.com/kms/latest/developerguide/multi-region-keys-overview.html
 */
export function checkAdoptKeyMultiRegion(owner: Pick<OwnerSubject, 'adoptKey' | 'kmsKeyArn'>): RuleProblem[] {
  if (owner.adoptKey === undefined || owner.kmsKeyArn === undefined || !/:key\/mrk-/.test(owner.kmsKeyArn)) return [];
  return [
    {
      path: ['adoptKey'],
      value: owner.adoptKey,
      rule: 'is not supported for a multi-Region key (kmsKeyArn is key/mrk-…): the stack manages a single-Region key, so the key would be replaced; leave the key unmanaged (remove "adoptKey")',
    },
  ];
}
