/**
 * S3 knowledge: the smallest action sets per access level, and the owner's baseline
 * bucket-policy statements. Every action set lives here and nowhere else.
 */
import { objectArns } from './arn';
import { Principal, Statement, oneOrMany, sidPart } from './document';

/** What a consumer may do with the shared bucket's objects. */
export type AccessLevel = 'read' | 'write' | 'read-write';

/** Every access level, in the order the docs and errors list them. */
export const ACCESS_LEVELS: readonly AccessLevel[] = ['read', 'write', 'read-write'];

/**
 * Object reads. `s3:GetObject` also covers HeadObject.
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/using-with-s3-policy-actions.html
 */
export const S3_READ_OBJECT_ACTIONS: readonly string[] = ['s3:GetObject'];

/**
 * Object writes, multipart included: `s3:PutObject` covers CreateMultipartUpload, UploadPart and
 * CompleteMultipartUpload; aborting and listing parts have their own actions.
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/mpuoverview.html#mpuAndPermissions
 */
export const S3_WRITE_OBJECT_ACTIONS: readonly string[] = [
  's3:PutObject',
  's3:AbortMultipartUpload',
  's3:ListMultipartUploadParts',
];

/**
 * Listing keys, granted on the bucket ARN (not on objects), only to levels that read:
 * a write-only consumer has no use for the key names of others.
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListObjectsV2.html#API_ListObjectsV2_RequestSyntax
 */
export const S3_LIST_ACTIONS: readonly string[] = ['s3:ListBucket'];

/** True when the level reads objects. */
export function reads(access: AccessLevel): boolean {
  return access === 'read' || access === 'read-write';
}

/** True when the level writes objects. */
export function writes(access: AccessLevel): boolean {
  return access === 'write' || access === 'read-write';
}

/** The object actions of an access level, reads first. */
export function objectActions(access: AccessLevel): string[] {
  return [...(reads(access) ? S3_READ_OBJECT_ACTIONS : []), ...(writes(access) ? S3_WRITE_OBJECT_ACTIONS : [])];
}

/** `read-write` → `ReadWrite`, for Sids. */
export function accessSid(access: AccessLevel): string {
  return sidPart(access);
}

/** Input of {@link s3GrantStatements}. */
export interface S3GrantInput {
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
  /** The grantee, for a bucket or access point policy; omit for an identity policy. */
  readonly principal?: Principal;
}

/** Object ARNs under a bucket ARN or an access point ARN. */
function objectBase(arn: string): string {
  return arn.includes(':accesspoint/') ? `${arn}/object` : arn;
}

/**
 * The S3 statements of one grant: object actions on the object ARNs and, for reading levels,
 * `s3:ListBucket` on the bucket ARN, limited with `StringLike s3:prefix` when prefixes are given.
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/amazon-s3-policy-keys.html#condition-key-bucket-ops-2
 */
export function s3GrantStatements(input: S3GrantInput): Statement[] {
  const prefixes = input.prefixes ?? [];
  const principal = input.principal ? { Principal: input.principal } : {};
  const statements: Statement[] = [
    {
      Sid: `${input.sidPrefix}${accessSid(input.access)}Objects`,
      Effect: 'Allow',
      ...principal,
      Action: oneOrMany(objectActions(input.access)),
      Resource: oneOrMany(objectArns(objectBase(input.bucketArn), prefixes)),
    },
  ];
  if (reads(input.access)) {
    statements.push({
      Sid: `${input.sidPrefix}ListBucket`,
      Effect: 'Allow',
      ...principal,
      Action: oneOrMany(S3_LIST_ACTIONS),
      Resource: input.bucketArn,
      ...(prefixes.length > 0
        ? { Condition: { StringLike: { 's3:prefix': oneOrMany(prefixes.map((p) => `${p}*`)) } } }
        : {}),
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
 * Owner baseline with SSE-KMS: deny `PutObject` that names any KMS key other than the bucket's.
 * The `Null` guard makes the deny apply only when the header is present: `StringNotEquals`
 * alone also matches an absent key, which would deny every upload relying on default encryption.
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/specifying-kms-encryption.html
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_Null
 */
export function denyOtherKmsKeys(bucketArnValue: string, keyArn: string): Statement {
  return {
    Sid: 'DenyUploadsWithOtherKmsKeys',
    Effect: 'Deny',
    Principal: '*',
    Action: 's3:PutObject',
    Resource: `${bucketArnValue}/*`,
    Condition: {
      StringNotEquals: { [S3_KMS_KEY_ID_CONDITION_KEY]: keyArn },
      Null: { [S3_KMS_KEY_ID_CONDITION_KEY]: 'false' },
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
