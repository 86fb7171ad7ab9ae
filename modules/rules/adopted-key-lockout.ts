/** An adopted key's kept statements let the deployer administer it. */
import { partitionOf } from '../policy/arn';
import { CurrentPolicy, othersStatements } from '../policy/current';
import { OWNER_ROOT_KEY_SID, keyLockoutProblem } from '../policy/kms';
import type { RuleProblem } from './rule';
import type { OwnerSubject } from './subjects';

/** An owner whose key is adopted, with the key's current policy. */
export interface AdoptedKeySubject extends Pick<OwnerSubject, 'accountId' | 'provider'> {
  readonly region: string;
  readonly adoptKey: { readonly currentPolicyFile?: string; readonly deployerIsKeyAdministrator?: boolean };
  /** The adopted key's current key policy (what `adoptKey.currentPolicyFile` holds). */
  readonly currentKeyPolicy: CurrentPolicy;
}

/**
 * The stack keeps an adopted key's statements and adds no owner-root statement, so the kept
 * statements must let the deployer (the owner account's root, or the provider's `assumeRoleArn`)
 * call `kms:PutKeyPolicy`, unless `adoptKey.deployerIsKeyAdministrator` confirms it: KMS refuses a
 * key policy that would lock out the principal that puts it (see `keyLockoutProblem`).
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_PutKeyPolicy.html
 */
export function checkAdoptedKeyLockout(owner: AdoptedKeySubject): RuleProblem[] {
  if (owner.adoptKey.deployerIsKeyAdministrator) return [];
  const lockout = keyLockoutProblem(
    othersStatements(owner.currentKeyPolicy, [OWNER_ROOT_KEY_SID]),
    {
      partition: partitionOf(owner.region),
      ownerAccountId: owner.accountId,
      deployerRoleArn: owner.provider?.assumeRoleArn,
    },
    '"deployerIsKeyAdministrator": true',
  );
  if (lockout === undefined) return [];
  return [
    {
      path: ['adoptKey', 'currentPolicyFile'],
      value: owner.adoptKey.currentPolicyFile,
      rule: `${lockout.reason}; the stack keeps an adopted key's statements as they are and adds no owner-root statement (it could widen who may use the key): ${lockout.advice}`,
    },
  ];
}
