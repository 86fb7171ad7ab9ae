/** The owner's key is named by a full key ARN. */
import { parseKmsKeyArn } from '../policy/arn';
import type { RuleProblem } from './rule';
import type { OwnerSubject } from './subjects';

/** https://docs.aws.amazon.com/kms/latest/developerguide/concepts.html#key-id */
export const KMS_KEY_DOC = 'https://docs.aws.amazon.com/kms/latest/developerguide/concepts.html#key-id';

/**
 * A parsed KMS ARN: partition, region, account and resource (`key/<key-id>` or `alias/<name>`).
 * @useDeclaredType
 */
export type KmsKeyArnParts = NonNullable<ReturnType<typeof parseKmsKeyArn>>;

const KEY_RESOURCE = /^key\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|mrk-[0-9a-f]{32})$/;

/**
 * The key ARN of an SSE-KMS owner, parsed, when it passes {@link checkKmsKeyArn} and
 * `checkKmsKeyNotAlias`: the rules on where the key is start from it.
 */
export function wellFormedKmsKey(owner: Pick<OwnerSubject, 'encryption' | 'kmsKeyArn'>): KmsKeyArnParts | undefined {
  if (owner.kmsKeyArn === undefined || (owner.encryption ?? 'kms') !== 'kms') return undefined;
  const key = parseKmsKeyArn(owner.kmsKeyArn);
  return key !== undefined && KEY_RESOURCE.test(key.resource) ? key : undefined;
}

/**
 * With `encryption: kms`, `kmsKeyArn` is a full key ARN `arn:<partition>:kms:<region>:<account>:key/<key-id>`
 * (a key ID or an alias would be resolved in the requester's account). An alias ARN is the rule
 * `checkKmsKeyNotAlias`.
 * https://docs.aws.amazon.com/kms/latest/developerguide/concepts.html#key-id
 */
export function checkKmsKeyArn(owner: Pick<OwnerSubject, 'encryption' | 'kmsKeyArn'>): RuleProblem[] {
  if (owner.kmsKeyArn === undefined || (owner.encryption ?? 'kms') !== 'kms') return [];
  const key = parseKmsKeyArn(owner.kmsKeyArn);
  const problem = (rule: string): RuleProblem[] => [{ path: ['kmsKeyArn'], value: owner.kmsKeyArn, rule }];
  if (!key) {
    return problem(`must be a full key ARN arn:<partition>:kms:<region>:<account>:key/<key-id> (${KMS_KEY_DOC})`);
  }
  if (key.resource.startsWith('alias/') || KEY_RESOURCE.test(key.resource)) return [];
  return problem(`must name a key as key/<key-id> (${KMS_KEY_DOC})`);
}
