/**
 * KMS knowledge: the key actions per access level (views of `access-levels.ts`), the conditions
 * that tie key use to this bucket through S3, and the owner's key-policy statement.
 */
import { ACCESS_LEVEL_TABLE, AccessLevel } from './access-levels';
import { Partition, accountRootArn, dnsSuffixOf, objectArns } from './arn';
import { Conditions, Principal, Statement, oneOrMany } from './document';

/**
 * Reading an SSE-KMS object: S3 decrypts the object's data key (the `read` level's key actions in
 * {@link ACCESS_LEVEL_TABLE}).
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/UsingKMSEncryption.html#aws-managed-customer-managed-keys
 */
export const KMS_READ_ACTIONS: readonly string[] = ACCESS_LEVEL_TABLE.read.kmsActions;

/**
 * Writing an SSE-KMS object (the `write` level's key actions in {@link ACCESS_LEVEL_TABLE}):
 * `kms:GenerateDataKey` for the data key, and `kms:Decrypt` because a multipart upload decrypts the
 * data key to encrypt each further part.
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/mpuoverview.html#mpuAndPermissions
 */
export const KMS_WRITE_ACTIONS: readonly string[] = ACCESS_LEVEL_TABLE.write.kmsActions;

/** The key actions of an access level (see {@link ACCESS_LEVEL_TABLE}; a writer's set contains the reader's). */
export function kmsActions(access: AccessLevel): string[] {
  return [...ACCESS_LEVEL_TABLE[access].kmsActions];
}

/** The encryption-context key S3 sets on every KMS call it makes for an object. */
export const S3_ENCRYPTION_CONTEXT_KEY = 'kms:EncryptionContext:aws:s3:arn';

/**
 * `s3.<region>.<dns suffix>`: the `kms:ViaService` value of KMS calls that S3 makes for a caller.
 * https://docs.aws.amazon.com/kms/latest/developerguide/conditions-kms.html#conditions-kms-via-service
 */
export function s3ViaService(region: string, partition: Partition): string {
  return `s3.${region}.${dnsSuffixOf(partition)}`;
}

/**
 * Conditions that limit key use to S3 calls for this bucket: `kms:ViaService` is S3 in the bucket's
 * region, and the encryption context `aws:s3:arn` is the bucket ARN (S3 Bucket Key on) or an
 * object ARN inside the granted prefixes (Bucket Key off). Both are accepted, because an object
 * keeps the context it was written with.
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/UsingKMSEncryption.html#encryption-context
 */
export function s3KeyUseConditions(
  region: string,
  partition: Partition,
  bucketArn: string,
  prefixes: readonly string[],
): Conditions {
  return {
    StringEquals: { 'kms:ViaService': s3ViaService(region, partition) },
    StringLike: { [S3_ENCRYPTION_CONTEXT_KEY]: [bucketArn, ...objectArns(bucketArn, prefixes)] },
  };
}

/** Input of {@link kmsGrantStatement}. */
export interface KmsGrantInput {
  readonly sid: string;
  readonly access: AccessLevel;
  /** The key ARN in an identity policy; `*` (the key itself) in a key policy. */
  readonly resource: string;
  readonly conditions: Conditions;
  /**
   * The grantee, for a key policy; omit for an identity policy.
   * @default undefined: an identity-policy statement (no `Principal`)
   */
  readonly principal?: Principal;
}

/** One statement allowing the access level's key actions under the given conditions. */
export function kmsGrantStatement(input: KmsGrantInput): Statement {
  return {
    Sid: input.sid,
    Effect: 'Allow',
    ...(input.principal ? { Principal: input.principal } : {}),
    Action: oneOrMany(kmsActions(input.access)),
    Resource: input.resource,
    Condition: input.conditions,
  };
}

/** The key-policy Sid of {@link ownerRootKeyStatement}. */
export const OWNER_ROOT_KEY_SID = 'EnableOwnerAccountIamPolicies';

/**
 * The owner account's `kms:*` on its own key. Without it the key cannot be managed, and IAM
 * policies in the owner account cannot grant use of the key at all. Always first in a key policy.
 * https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html#key-policy-default-allow-root-enable-iam
 */
export function ownerRootKeyStatement(partition: Partition, ownerAccountId: string): Statement {
  return {
    Sid: OWNER_ROOT_KEY_SID,
    Effect: 'Allow',
    Principal: { AWS: accountRootArn(partition, ownerAccountId) },
    Action: 'kms:*',
    Resource: '*',
  };
}

/**
 * The alias a split owner stack gives a key it creates, so that consumer stacks can name the key
 * before it exists (see `KeyByAlias`): `alias/cross-account-s3/<bucket name, dots as underscores>`
 * (alias names allow `[a-zA-Z0-9/_-]`; bucket names never hold `_`, so no two buckets share one).
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_CreateAlias.html
 */
export function keyAliasFor(bucketName: string): string {
  return `alias/cross-account-s3/${bucketName.replace(/\./g, '_')}`;
}

/** https://docs.aws.amazon.com/kms/latest/APIReference/API_PutKeyPolicy.html */
export const PUT_KEY_POLICY_DOC = 'https://docs.aws.amazon.com/kms/latest/APIReference/API_PutKeyPolicy.html';

function listOf(v: unknown): unknown[] {
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
}

/** True when the action pattern (`*`, `kms:*`, `kms:Put*`, …) covers `kms:PutKeyPolicy`. */
function coversPutKeyPolicy(pattern: unknown): boolean {
  if (typeof pattern !== 'string') return false;
  const re = new RegExp(
    `^${pattern
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.')}$`,
    'i',
  );
  return re.test('kms:PutKeyPolicy');
}

/** Input of {@link keyLockoutProblem}. */
export interface KeyLockoutInput {
  readonly partition: Partition;
  /** Owner account of the key, 12 digits. */
  readonly ownerAccountId: string;
  /**
   * The role the owner account is deployed with, when known (a provider's `assume_role`).
   * @default undefined: unknown (a profile or ambient credentials)
   */
  readonly deployerRoleArn?: string;
}

/** What {@link keyLockoutProblem} found: why the deployer may be locked out, and what to do. */
export interface KeyLockout {
  /** Why, a clause that follows "the current key policy". */
  readonly reason: string;
  /** What to do, a clause. */
  readonly advice: string;
}

/**
 * Why a key policy made of `statements` (and grants that administer nothing) may lock its
 * deployer out: KMS refuses a `PutKeyPolicy` whose policy would not let the caller call
 * `PutKeyPolicy` again (the lockout safety check, which `BypassPolicyLockoutSafetyCheck` skips).
 * The statements must allow `kms:PutKeyPolicy` on `*`, without conditions, to the owner account's
 * root (delegating to IAM, which the deployer's own IAM policy then satisfies) or to the known
 * deployment role, and no statement may deny it.
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_PutKeyPolicy.html
 * https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html#prevent-unmanageable-key
 * @param optIn how the user confirms that the deployer is allowed anyway, for the advice
 * @returns undefined when the statements prove it
 */
export function keyLockoutProblem(
  statements: ReadonlyArray<Record<string, unknown>>,
  input: KeyLockoutInput,
  optIn: string,
): KeyLockout | undefined {
  const root = accountRootArn(input.partition, input.ownerAccountId);
  const admins = new Set([root, input.ownerAccountId, ...(input.deployerRoleArn ? [input.deployerRoleArn] : [])]);
  const lockout = `KMS refuses a key policy that would lock out the principal that puts it (${PUT_KEY_POLICY_DOC})`;
  const denies = statements.filter(
    (s) => s.Effect === 'Deny' && (s.NotAction !== undefined || listOf(s.Action).some(coversPutKeyPolicy)),
  );
  if (denies.length > 0) {
    return {
      reason: `has a Deny statement (${denies.map((s) => JSON.stringify(s.Sid ?? '(no Sid)')).join(', ')}) that may cover kms:PutKeyPolicy, so the stack cannot prove that its deployer keeps the right to change the key policy, and ${lockout}`,
      advice: `make sure the Deny cannot apply to the deployer, then confirm it with ${optIn}`,
    };
  }
  const administers = statements.some((s) => {
    if (s.Effect !== 'Allow' || s.Condition !== undefined || s.NotPrincipal !== undefined) return false;
    if (!listOf(s.Action).some(coversPutKeyPolicy) || !listOf(s.Resource).includes('*')) return false;
    const principal = s.Principal as { AWS?: unknown } | undefined;
    return listOf(principal?.AWS).some((p) => typeof p === 'string' && admins.has(p));
  });
  if (administers) return undefined;
  const deployer =
    input.deployerRoleArn !== undefined
      ? `the deployment role ${input.deployerRoleArn}`
      : 'the deployer, which the stack cannot identify (the owner provider signs in with a profile or ambient credentials, not "assumeRoleArn")';
  return {
    reason: `allows kms:PutKeyPolicy (on "*", without conditions) neither to the owner account's root ${root} (delegating to IAM) nor to ${deployer}, and ${lockout}`,
    advice: `add a statement that allows it to one of them, or confirm with ${optIn} that the deployer is allowed another way (for example a profile's role named in the policy, or a statement with a condition)`,
  };
}
