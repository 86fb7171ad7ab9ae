/** An adopted key is named by its ARN. */
import type { RuleProblem } from './rule';
import type { OwnerSubject } from './subjects';

/**
 * `adoptKey` needs `kmsKeyArn`: the import block names the key by its ID.
 * https://developer.hashicorp.com/terraform/language/import
 */
export function checkAdoptKeyArn(owner: Pick<OwnerSubject, 'adoptKey' | 'kmsKeyArn'>): RuleProblem[] {
  if (owner.adoptKey === undefined || owner.kmsKeyArn !== undefined) return [];
  return [{ path: ['adoptKey'], value: owner.adoptKey, rule: 'needs "kmsKeyArn": the ARN of the key to adopt' }];
}
