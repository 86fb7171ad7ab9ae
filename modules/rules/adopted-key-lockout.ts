/** An adopted key's kept statements let the deployer administer it. */
import { partitionOf } from '../policy/arn';
import { CurrentPolicy, othersStatements } from '../policy/current';
import { OWNER_ROOT_KEY_SID, keyLockoutProblem } from '../policy/kms';
import type { RuleProblem } from './rule';
import type { OwnerSubject } from './subjects';

/** An owner whose key is adopted, with the key's current policy. */
export interface AdoptedKeySubject extends Pick<OwnerSubject, 'accountId' | 'provider'> {
  /** The entry's region (its partition names the owner account's root). */
  readonly region: string;
  /** The owner's `adoptKey`. */
  readonly adoptKey: {
    /**
     * Path of the file with the key's current key policy, the value a problem names.
     * @default undefined: the problem names no file
     */
    readonly currentPolicyFile?: string;
    /**
     * The deployer confirms it may call `kms:PutKeyPolicy` on the key: the rule is skipped.
     * @default false
     */
    readonly deployerIsKeyAdministrator?: boolean;
  };
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
