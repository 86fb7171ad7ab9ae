/**
 * KMS knowledge: the smallest key actions per access level, the conditions that tie key use to
 * this bucket through S3, and the owner's key-policy statement.
 */
import { Partition, accountRootArn, dnsSuffixOf, objectArns } from './arn';
import { Conditions, Principal, Statement, oneOrMany } from './document';
import { AccessLevel, writes } from './s3';

/**
 * Reading an SSE-KMS object: S3 decrypts the object's data key.
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/UsingKMSEncryption.html#aws-managed-customer-managed-keys
 */
export const KMS_READ_ACTIONS: readonly string[] = ['kms:Decrypt'];

/**
 * Writing an SSE-KMS object: `kms:GenerateDataKey` for the data key, and `kms:Decrypt` because a
 * multipart upload decrypts the data key to encrypt each further part.
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/mpuoverview.html#mpuAndPermissions
 */
export const KMS_WRITE_ACTIONS: readonly string[] = ['kms:GenerateDataKey', 'kms:Decrypt'];

/** The key actions of an access level (a writer's set contains the reader's). */
export function kmsActions(access: AccessLevel): string[] {
  return [...(writes(access) ? KMS_WRITE_ACTIONS : KMS_READ_ACTIONS)];
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
  /** The grantee, for a key policy; omit for an identity policy. */
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

/**
 * The owner account's `kms:*` on its own key. Without it the key cannot be managed, and IAM
 * policies in the owner account cannot grant use of the key at all. Always first in a key policy.
 * https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html#key-policy-default-allow-root-enable-iam
 */
export function ownerRootKeyStatement(partition: Partition, ownerAccountId: string): Statement {
  return {
    Sid: 'EnableOwnerAccountIamPolicies',
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
