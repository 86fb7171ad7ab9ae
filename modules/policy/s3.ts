/**
 * S3 knowledge: the grant statements of an access level, and the owner's baseline bucket-policy
 * statements. The action sets per level live in `access-levels.ts` (ACCESS_LEVEL_TABLE); the
 * constants and functions below are views of it, kept for their importers.
 */
import {
  ACCESS_LEVEL_TABLE,
  AccessLevel,
  BUCKET_OWNER_FULL_CONTROL,
  S3_ACL_CONDITION_KEY,
  LevelOptions,
  grantSids,
  levelOptionsOf,
  levelWith,
} from './access-levels';
import { objectArns } from './arn';
import { Conditions, Principal, Statement, mergeConditions, oneOrMany, sidPart } from './document';

export { ACCESS_LEVELS, BUCKET_OWNER_FULL_CONTROL, S3_ACL_CONDITION_KEY } from './access-levels';
export type { AccessLevel } from './access-levels';

/**
 * Object reads: the `read` level's object actions in {@link ACCESS_LEVEL_TABLE}. `s3:GetObject`
 * also covers HeadObject.
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/using-with-s3-policy-actions.html
 */
export const S3_READ_OBJECT_ACTIONS: readonly string[] = ACCESS_LEVEL_TABLE.read.objectActions;

/**
 * Object writes, multipart included: the `write` level's object actions in
 * {@link ACCESS_LEVEL_TABLE}. `s3:PutObject` covers CreateMultipartUpload, UploadPart and
 * CompleteMultipartUpload; aborting and listing parts have their own actions.
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/mpuoverview.html#mpuAndPermissions
 */
export const S3_WRITE_OBJECT_ACTIONS: readonly string[] = ACCESS_LEVEL_TABLE.write.objectActions;

/**
 * Listing keys, granted on the bucket ARN (not on objects), to levels that read (the `read`
 * level's listing actions in {@link ACCESS_LEVEL_TABLE}), and to a writer only with the `list`
 * option: a write-only consumer that does not sync has no use for the key names of others.
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListObjectsV2.html#API_ListObjectsV2_RequestSyntax
 */
export const S3_LIST_ACTIONS: readonly string[] = ACCESS_LEVEL_TABLE.read.listActions;

/** True when the level reads objects (see {@link ACCESS_LEVEL_TABLE}). */
export function reads(access: AccessLevel): boolean {
  return ACCESS_LEVEL_TABLE[access].reads;
}

/** True when the level writes objects (see {@link ACCESS_LEVEL_TABLE}). */
export function writes(access: AccessLevel): boolean {
  return ACCESS_LEVEL_TABLE[access].writes;
}

/**
 * Setting an object's ACL: writers only (the `write` level's ACL actions in
 * {@link ACCESS_LEVEL_TABLE}), and only {@link BUCKET_OWNER_FULL_CONTROL} (see {@link denyOtherAcls}).
 */
export const S3_WRITE_ACL_ACTIONS: readonly string[] = ACCESS_LEVEL_TABLE.write.aclActions;

/**
 * The condition key that names the account owning the bucket a request is about. S3 ARNs carry no
 * account, so an identity policy on `arn:aws:s3:::<name>/*` follows the *name*: if the bucket were
 * ever deleted and its name registered by another account, the grant would follow it there.
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/amazon-s3-policy-keys.html#condition-key-resourceaccount
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-resourceaccount
 */
export const S3_RESOURCE_ACCOUNT_KEY = 's3:ResourceAccount';

/** The object actions of an access level, reads first (see {@link ACCESS_LEVEL_TABLE}). */
export function objectActions(access: AccessLevel): string[] {
  return [...ACCESS_LEVEL_TABLE[access].objectActions];
}

/** `read-write` → `ReadWrite`: the level's name as a Sid part (the grant Sids are in {@link ACCESS_LEVEL_TABLE}). */
export function accessSid(access: AccessLevel): string {
  return sidPart(access);
}

/** The `s3:prefix` patterns that list exactly the given key prefixes: `reports/` → `reports/*`. */
export function listPrefixPatterns(prefixes: readonly string[]): string[] {
  return prefixes.map((p) => `${p}*`);
}

/** Input of {@link s3GrantStatements}: the grant, and its access options (see `LevelOptions`). */
export interface S3GrantInput extends LevelOptions {
  /** Prefix of every Sid, letters and digits (for example the consumer's name, `WorkloadA`). */
  readonly sidPrefix: string;
  readonly access: AccessLevel;
  /**
   * What the grant is on: `arn:<partition>:s3:::<bucket>`, or an access point's ARN
   * `arn:<partition>:s3:<region>:<account>:accesspoint/<name>` (objects then are `…/object/<key>`).
   */
  readonly bucketArn: string;
  /**
   * Key prefixes the grant is limited to, each ending with `/`.
   * @default [] (the whole bucket)
   */
  readonly prefixes?: readonly string[];
  /**
   * The grantee, for a bucket or access point policy; omit for an identity policy.
   * @default undefined: identity-policy statements (no `Principal`)
   */
  readonly principal?: Principal;
  /**
   * Conditions every statement carries (an Organization grant's, see `organizationConditions`).
   * @default {} (none)
   */
  readonly conditions?: Conditions;
  /**
   * The bucket owner's account, 12 digits: every statement then requires
   * `StringEquals s3:ResourceAccount` = this account (see {@link S3_RESOURCE_ACCOUNT_KEY}).
   * Identity policies set it; resource policies need not (they belong to the bucket).
   * @default undefined: no pin
   */
  readonly resourceAccount?: string;
}

/** Object ARNs under a bucket ARN or an access point ARN. */
function objectBase(arn: string): string {
  return arn.includes(':accesspoint/') ? `${arn}/object` : arn;
}

/**
 * The S3 statements of one grant: object actions on the object ARNs; for levels that list (and a
 * writer with `list`) `s3:ListBucket` on the bucket ARN, limited with `StringLike s3:prefix` when prefixes are given;
 * writing levels also get `s3:PutObjectAcl`, which the owner's {@link denyOtherAcls} limits to
 * `bucket-owner-full-control` (see {@link BUCKET_OWNER_FULL_CONTROL}). The access options add their
 * actions to these statements (`delete`, `versions`, `tagging`) or a statement of their own on the
 * bucket ARN (`analytics`, Sid `<prefix>AnalyticsListBucket`); see `levelWith`. With `resourceAccount`,
 * each statement is pinned to the owner's bucket (see {@link S3_RESOURCE_ACCOUNT_KEY}).
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/amazon-s3-policy-keys.html#condition-key-bucket-ops-2
 * @throws Error when the level lists but its table entry has no listing Sid (a broken `ACCESS_LEVEL_TABLE`)
 */
export function s3GrantStatements(input: S3GrantInput): Statement[] {
  const prefixes = input.prefixes ?? [];
  const principal = input.principal ? { Principal: input.principal } : {};
  const pin = mergeConditions(
    input.conditions ?? {},
    input.resourceAccount !== undefined ? { StringEquals: { [S3_RESOURCE_ACCOUNT_KEY]: input.resourceAccount } } : {},
  );
  const withPin = (conditions: Conditions): { Condition?: Conditions } => {
    const merged = mergeConditions(conditions, pin);
    return Object.keys(merged).length > 0 ? { Condition: merged } : {};
  };
  const objects = oneOrMany(objectArns(objectBase(input.bucketArn), prefixes));
  const level = levelWith(input.access, levelOptionsOf(input));
  const sids = grantSids(input.access, input.sidPrefix);
  const listingSid = level.sids.listing !== undefined ? `${input.sidPrefix}${level.sids.listing}` : undefined;
  const statements: Statement[] = [
    {
      Sid: sids.objects,
      Effect: 'Allow',
      ...principal,
      Action: oneOrMany([...level.objectActions, ...level.aclActions]),
      Resource: objects,
      ...withPin({}),
    },
  ];
  if (level.listActions.length > 0) {
    if (listingSid === undefined) throw new Error(`access level ${input.access} lists, but has no listing Sid`);
    statements.push({
      Sid: listingSid,
      Effect: 'Allow',
      ...principal,
      Action: oneOrMany(level.listActions),
      Resource: input.bucketArn,
      ...withPin(prefixes.length > 0 ? { StringLike: { 's3:prefix': oneOrMany(listPrefixPatterns(prefixes)) } } : {}),
    });
  }
  if (level.bucketActions.length > 0) {
    statements.push({
      Sid: `${input.sidPrefix}${level.sids.bucket}`,
      Effect: 'Allow',
      ...principal,
      Action: oneOrMany(level.bucketActions),
      Resource: input.bucketArn,
      ...withPin({}),
    });
  }
  return statements;
}

/**
 * Owner baseline: deny every request over plain HTTP, on the bucket and its objects.
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/security-best-practices.html#transit
 */
export function denyInsecureTransport(bucketArnValue: string): Statement {
  return {
    Sid: 'DenyInsecureTransport',
    Effect: 'Deny',
    Principal: '*',
    Action: 's3:*',
    Resource: [bucketArnValue, `${bucketArnValue}/*`],
    Condition: { Bool: { 'aws:SecureTransport': 'false' } },
  };
}

/** The TLS versions a bucket may require as its minimum: 1.3 only (see {@link denyOlderTls}). */
export const MINIMUM_TLS_VERSIONS = ['1.3'] as const;

/** A minimum TLS version a bucket may require. */
export type MinimumTlsVersion = (typeof MINIMUM_TLS_VERSIONS)[number];

/** The condition key of the TLS version a request used. */
export const S3_TLS_VERSION_KEY = 's3:TlsVersion';

/**
 * Owner option: deny every request made with a TLS version older than `version`. AWS endpoints have
 * required TLS 1.2 since 2024, so only 1.3 narrows anything; clients and proxies without TLS 1.3
 * cannot reach the bucket then, nor can interface VPC endpoints (AWS PrivateLink for S3) and
 * Multi-Region Access Points, the S3 endpoints without TLS 1.3.
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/amazon-s3-policy-keys.html#example-object-tls-version
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/network-isolation.html
 * https://aws.amazon.com/blogs/security/tls-1-2-required-for-aws-endpoints/
 */
export function denyOlderTls(bucketArnValue: string, version: MinimumTlsVersion): Statement {
  return {
    Sid: `DenyTlsBelow${version.replace('.', '')}`,
    Effect: 'Deny',
    Principal: '*',
    Action: 's3:*',
    Resource: [bucketArnValue, `${bucketArnValue}/*`],
    Condition: { NumericLessThan: { [S3_TLS_VERSION_KEY]: version } },
  };
}

/** The request header (as a condition key) that names the encryption of an upload. */
export const S3_SSE_CONDITION_KEY = 's3:x-amz-server-side-encryption';

/**
 * Owner baseline: deny `PutObject` that asks for another server-side encryption than the bucket's
 * (`AES256` on an SSE-KMS bucket skips the key; `aws:kms` on an SSE-S3 bucket encrypts with a key
 * the owner may not control). `Null` guard as for the key deny: no header means default encryption.
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/UsingKMSEncryption.html#require-sse-kms
 */
export function denyOtherEncryption(bucketArnValue: string, algorithm: 'aws:kms' | 'AES256'): Statement {
  return {
    Sid: 'DenyUploadsWithOtherEncryption',
    Effect: 'Deny',
    Principal: '*',
    Action: 's3:PutObject',
    Resource: `${bucketArnValue}/*`,
    Condition: {
      StringNotEquals: { [S3_SSE_CONDITION_KEY]: algorithm },
      Null: { [S3_SSE_CONDITION_KEY]: 'false' },
    },
  };
}

/**
 * Owner baseline: deny `PutObjectAcl` unless it sets the canned ACL `bucket-owner-full-control`
 * (see {@link BUCKET_OWNER_FULL_CONTROL}). No `Null` guard: an ACL sent in the request body has no
 * `x-amz-acl` header, and `StringNotEquals` matches the absent key, so it is refused too. One
 * statement for every grantee instead of a conditioned allow per writer: the bucket policy's
 * 20,480 bytes are the limit of how many consumers fit.
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutObjectAcl.html
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/example-bucket-policies.html
 */
export function denyOtherAcls(bucketArnValue: string): Statement {
  return {
    Sid: 'DenyAclsOtherThanBucketOwnerFullControl',
    Effect: 'Deny',
    Principal: '*',
    Action: 's3:PutObjectAcl',
    Resource: `${bucketArnValue}/*`,
    Condition: { StringNotEquals: { [S3_ACL_CONDITION_KEY]: BUCKET_OWNER_FULL_CONTROL } },
  };
}

/** The request header (as a condition key) of customer-provided keys (SSE-C). */
export const S3_SSE_C_CONDITION_KEY = 's3:x-amz-server-side-encryption-customer-algorithm';

/**
 * Owner baseline: deny uploads with customer-provided keys (SSE-C): the owner could never read them.
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/ServerSideEncryptionCustomerKeys.html
 */
export function denyCustomerProvidedKeys(bucketArnValue: string): Statement {
  return {
    Sid: 'DenyCustomerProvidedKeys',
    Effect: 'Deny',
    Principal: '*',
    Action: 's3:PutObject',
    Resource: `${bucketArnValue}/*`,
    Condition: { Null: { [S3_SSE_C_CONDITION_KEY]: 'false' } },
  };
}

/** The request header (as a condition key) that names a KMS key on upload. */
export const S3_KMS_KEY_ID_CONDITION_KEY = 's3:x-amz-server-side-encryption-aws-kms-key-id';

/**
 * The values of the key-ID header that name the bucket's own key: its full ARN and, when given, its
 * bare key ID. The PutObject reference says a key ID is resolved in the account that issues the
 * request ("If the KMS key doesn't exist in the same account that's issuing the command, you must
 * use the full Key ARN not the Key ID"), so the bare ID names the bucket's key only for callers of
 * the owner account (see {@link denyBareKeyIdFromOtherAccounts}). An alias is never accepted: S3
 * resolves it in the requester's account.
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutObject.html#API_PutObject_RequestSyntax
 */
function bucketKeyNames(keyArn: string, keyId?: string): string | string[] {
  return oneOrMany(keyId !== undefined ? [keyArn, keyId] : [keyArn]);
}

/**
 * Owner baseline with SSE-KMS: deny `PutObject` that names any KMS key other than the bucket's.
 * The `Null` guard makes the deny apply only when the header is present: `StringNotEquals`
 * alone also matches an absent key, which would deny every upload relying on default encryption.
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/specifying-kms-encryption.html
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_Null
 * @param keyId the key's bare ID, accepted beside the ARN (owner-account callers only, see
 *   {@link denyBareKeyIdFromOtherAccounts}); omit to accept only the ARN
 */
export function denyOtherKmsKeys(bucketArnValue: string, keyArn: string, keyId?: string): Statement {
  return {
    Sid: 'DenyUploadsWithOtherKmsKeys',
    Effect: 'Deny',
    Principal: '*',
    Action: 's3:PutObject',
    Resource: `${bucketArnValue}/*`,
    Condition: {
      StringNotEquals: { [S3_KMS_KEY_ID_CONDITION_KEY]: bucketKeyNames(keyArn, keyId) },
      Null: { [S3_KMS_KEY_ID_CONDITION_KEY]: 'false' },
    },
  };
}

/**
 * Owner baseline with SSE-KMS: deny `PutObject` that asks for `aws:kms` without naming the bucket's
 * key. The PutObject reference says that `x-amz-server-side-encryption: aws:kms` without the key-ID
 * header makes S3 use the AWS managed key `aws/s3` (of the uploader's account, across accounts):
 * an object neither the owner nor any other consumer could read. Clients send exactly that
 * (`aws s3 cp --sse aws:kms`, boto3 `ServerSideEncryption='aws:kms'`, s3a with SSE-KMS and no key).
 * Other S3 pages disagree on two points: whether a bucket's default key then takes precedence
 * (UsingKMSEncryption, "Requiring server-side encryption"; bucket-encryption, cross-account), and
 * whether the key-ID condition key sees the header as sent or the key S3 resolves. This statement
 * refuses the request under both readings, because it has no `Null` guard: `StringNotEquals` matches
 * an absent header (as sent), and a resolved `aws/s3` key is not the bucket's key (as resolved).
 * Uploads without any encryption header (default encryption) are untouched.
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutObject.html#API_PutObject_RequestSyntax
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/UsingKMSEncryption.html#require-sse-kms
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucket-encryption.html
 * @param keyId as for {@link denyOtherKmsKeys}
 */
export function denyKmsUploadsWithoutBucketKey(bucketArnValue: string, keyArn: string, keyId?: string): Statement {
  return {
    Sid: 'DenyKmsUploadsWithoutBucketKey',
    Effect: 'Deny',
    Principal: '*',
    Action: 's3:PutObject',
    Resource: `${bucketArnValue}/*`,
    Condition: {
      StringEquals: { [S3_SSE_CONDITION_KEY]: 'aws:kms' },
      StringNotEquals: { [S3_KMS_KEY_ID_CONDITION_KEY]: bucketKeyNames(keyArn, keyId) },
    },
  };
}

/**
 * Owner baseline with SSE-KMS: the bare key ID names the bucket's key only for a caller of the owner
 * account (S3 resolves a key ID in the requester's account, see {@link bucketKeyNames}); from any
 * other account it names another key, or none, so it is refused.
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutObject.html#API_PutObject_RequestSyntax
 */
export function denyBareKeyIdFromOtherAccounts(
  bucketArnValue: string,
  keyId: string,
  ownerAccountId: string,
): Statement {
  return {
    Sid: 'DenyBareKeyIdFromOtherAccounts',
    Effect: 'Deny',
    Principal: '*',
    Action: 's3:PutObject',
    Resource: `${bucketArnValue}/*`,
    Condition: {
      StringEquals: { [S3_KMS_KEY_ID_CONDITION_KEY]: keyId },
      StringNotEquals: { 'aws:PrincipalAccount': ownerAccountId },
    },
  };
}

/**
 * Bucket policy of the access-points mode: the bucket delegates access control to the given
 * access points of its own account; each access point's policy then decides who may do what.
 * `s3:DataAccessPointAccount` keeps access points of other accounts out; `s3:DataAccessPointArn`
 * (exact ARNs, or a name pattern) narrows the delegation to this stack's access points, though a
 * principal allowed to create access points in the owner account can create one that matches a
 * pattern: restrict `s3:CreateAccessPoint` there (an SCP) as for any delegation.
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-points-policies.html#access-points-delegating-control
 * @param accessPoints access point ARNs, or ARN patterns with `*`
 */
export function delegateToAccessPoints(
  bucketArnValue: string,
  ownerAccountId: string,
  accessPoints: readonly string[],
): Statement {
  return {
    Sid: 'DelegateToOwnerAccessPoints',
    Effect: 'Allow',
    Principal: { AWS: '*' },
    Action: 's3:*',
    Resource: [bucketArnValue, `${bucketArnValue}/*`],
    Condition: {
      StringEquals: { 's3:DataAccessPointAccount': ownerAccountId },
      StringLike: { 's3:DataAccessPointArn': oneOrMany(accessPoints) },
    },
  };
}

/** The service principal that writes S3 server access logs. */
export const S3_LOGGING_SERVICE = 'logging.s3.amazonaws.com';

/**
 * The statement a log bucket's policy needs to receive the shared bucket's server access logs:
 * `s3:PutObject` by the logging service on the log prefix, for the shared bucket
 * (`aws:SourceArn`) of the owner account (`aws:SourceAccount`) only.
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/enable-server-access-logging.html#grant-log-delivery-permissions-general
 * @param logBucketArn the log bucket
 * @param prefix the log objects' key prefix
 */
export function serverAccessLogsStatement(
  logBucketArn: string,
  prefix: string,
  sourceBucketArn: string,
  ownerAccountId: string,
): Statement {
  return {
    Sid: `S3ServerAccessLogsFrom${sidPart(sourceBucketArn.split(':::')[1] ?? 'Bucket')}`,
    Effect: 'Allow',
    Principal: { Service: S3_LOGGING_SERVICE },
    Action: 's3:PutObject',
    Resource: `${logBucketArn}/${prefix}*`,
    Condition: {
      ArnLike: { 'aws:SourceArn': sourceBucketArn },
      StringEquals: { 'aws:SourceAccount': ownerAccountId },
    },
  };
}

/** Input of {@link ownerBucketStatements}. */
export interface OwnerBaselineInput {
  readonly bucketArn: string;
  /** Owner account, 12 digits. */
  readonly ownerAccountId: string;
  /**
   * The bucket's key (full ARN, or a reference to a new key's ARN).
   * @default undefined: SSE-S3
   */
  readonly keyArn?: string;
  /**
   * The key's bare ID (or a reference to it), accepted from owner-account callers.
   * @default undefined: only the ARN names the key
   */
  readonly keyId?: string;
  /**
   * Deny requests with an older TLS version (see {@link denyOlderTls}).
   * @default undefined: no TLS version condition (AWS's own minimum, TLS 1.2, applies)
   */
  readonly minimumTlsVersion?: MinimumTlsVersion;
}

/**
 * The owner's denies that every bucket policy of this module starts with, in this order: plain
 * HTTP, (with a minimum TLS version) older TLS, another encryption, and with SSE-KMS another key, `aws:kms` without the bucket's key, a bare
 * key ID from another account; then SSE-C, and ACLs other than `bucket-owner-full-control`.
 */
export function ownerBucketStatements(input: OwnerBaselineInput): Statement[] {
  const { bucketArn: arn, keyArn, keyId } = input;
  return [
    denyInsecureTransport(arn),
    ...(input.minimumTlsVersion !== undefined ? [denyOlderTls(arn, input.minimumTlsVersion)] : []),
    denyOtherEncryption(arn, keyArn !== undefined ? 'aws:kms' : 'AES256'),
    ...(keyArn !== undefined
      ? [
          denyOtherKmsKeys(arn, keyArn, keyId),
          denyKmsUploadsWithoutBucketKey(arn, keyArn, keyId),
          ...(keyId !== undefined ? [denyBareKeyIdFromOtherAccounts(arn, keyId, input.ownerAccountId)] : []),
        ]
      : []),
    denyCustomerProvidedKeys(arn),
    denyOtherAcls(arn),
  ];
}
