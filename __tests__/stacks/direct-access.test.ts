/** Approach `direct`, default config: every statement of every policy, and the resource settings. */
import {
  BUCKET_ADDRESSES,
  KEY_ADDRESSES,
  addresses,
  bySid,
  defaultModel,
  policyOf,
  resource,
  synthStack,
} from '../helpers';

const KEY_REF = '${aws_kms_key.bucket_key.arn}';
const KEY_ID_REF = '${aws_kms_key.bucket_key.key_id}';
const BUCKET = 'arn:aws:s3:::my-shared-bucket';
const ROLE_A = 'arn:aws:iam::111111111111:role/RoleInAccountA';
const PIN = { 's3:ResourceAccount': '222222222222' };
const KMS_CONDITIONS = {
  StringEquals: { 'kms:ViaService': 's3.us-east-1.amazonaws.com' },
  StringLike: { 'kms:EncryptionContext:aws:s3:arn': [BUCKET, `${BUCKET}/*`] },
};

describe('direct approach (default config)', () => {
  const json = synthStack(defaultModel('direct-access'));

  test('creates exactly the owner side and the consumer role with its policy', () => {
    expect(addresses(json)).toEqual([
      'aws_iam_role.workload_a_consumer_role',
      'aws_iam_role_policy.workload_a_consumer_policy',
      ...KEY_ADDRESSES,
      ...BUCKET_ADDRESSES,
    ]);
  });

  test('bucket policy: the owner denies (HTTP, other encryption, other key, aws:kms without the key, bare key ID from another account, SSE-C), then the role of A', () => {
    expect(policyOf(json, 'aws_s3_bucket_policy', 'shared_bucket')).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'DenyInsecureTransport',
          Effect: 'Deny',
          Principal: '*',
          Action: 's3:*',
          Resource: [BUCKET, `${BUCKET}/*`],
          Condition: { Bool: { 'aws:SecureTransport': 'false' } },
        },
        {
          Sid: 'DenyUploadsWithOtherEncryption',
          Effect: 'Deny',
          Principal: '*',
          Action: 's3:PutObject',
          Resource: `${BUCKET}/*`,
          Condition: {
            StringNotEquals: { 's3:x-amz-server-side-encryption': 'aws:kms' },
            Null: { 's3:x-amz-server-side-encryption': 'false' },
          },
        },
        {
          Sid: 'DenyUploadsWithOtherKmsKeys',
          Effect: 'Deny',
          Principal: '*',
          Action: 's3:PutObject',
          Resource: `${BUCKET}/*`,
          Condition: {
            StringNotEquals: { 's3:x-amz-server-side-encryption-aws-kms-key-id': [KEY_REF, KEY_ID_REF] },
            Null: { 's3:x-amz-server-side-encryption-aws-kms-key-id': 'false' },
          },
        },
        {
          Sid: 'DenyKmsUploadsWithoutBucketKey',
          Effect: 'Deny',
          Principal: '*',
          Action: 's3:PutObject',
          Resource: `${BUCKET}/*`,
          Condition: {
            StringEquals: { 's3:x-amz-server-side-encryption': 'aws:kms' },
            StringNotEquals: { 's3:x-amz-server-side-encryption-aws-kms-key-id': [KEY_REF, KEY_ID_REF] },
          },
        },
        {
          Sid: 'DenyBareKeyIdFromOtherAccounts',
          Effect: 'Deny',
          Principal: '*',
          Action: 's3:PutObject',
          Resource: `${BUCKET}/*`,
          Condition: {
            StringEquals: { 's3:x-amz-server-side-encryption-aws-kms-key-id': KEY_ID_REF },
            StringNotEquals: { 'aws:PrincipalAccount': '222222222222' },
          },
        },
        {
          Sid: 'DenyCustomerProvidedKeys',
          Effect: 'Deny',
          Principal: '*',
          Action: 's3:PutObject',
          Resource: `${BUCKET}/*`,
          Condition: { Null: { 's3:x-amz-server-side-encryption-customer-algorithm': 'false' } },
        },
        {
          Sid: 'DenyAclsOtherThanBucketOwnerFullControl',
          Effect: 'Deny',
          Principal: '*',
          Action: 's3:PutObjectAcl',
          Resource: 'arn:aws:s3:::my-shared-bucket/*',
          Condition: { StringNotEquals: { 's3:x-amz-acl': 'bucket-owner-full-control' } },
        },
        {
          Sid: 'WorkloadAReadWriteObjects',
          Effect: 'Allow',
          Principal: { AWS: ROLE_A },
          Action: [
            's3:GetObject',
            's3:PutObject',
            's3:AbortMultipartUpload',
            's3:ListMultipartUploadParts',
            's3:PutObjectAcl',
          ],
          Resource: `${BUCKET}/*`,
        },
        {
          Sid: 'WorkloadAListBucket',
          Effect: 'Allow',
          Principal: { AWS: ROLE_A },
          Action: 's3:ListBucket',
          Resource: BUCKET,
        },
      ],
    });
  });

  test('key policy: owner root kms:* first, then the role of A with S3-only conditions', () => {
    expect(policyOf(json, 'aws_kms_key_policy', 'bucket_key')).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'EnableOwnerAccountIamPolicies',
          Effect: 'Allow',
          Principal: { AWS: 'arn:aws:iam::222222222222:root' },
          Action: 'kms:*',
          Resource: '*',
        },
        {
          Sid: 'WorkloadAUseBucketKey',
          Effect: 'Allow',
          Principal: { AWS: ROLE_A },
          Action: ['kms:GenerateDataKey', 'kms:Decrypt'],
          Resource: '*',
          Condition: KMS_CONDITIONS,
        },
      ],
    });
    expect(resource(json, 'aws_kms_key_policy', 'bucket_key').key_id).toBe('${aws_kms_key.bucket_key.key_id}');
  });

  test("identity policy of A's role: the S3 actions pinned to the owner account, the owner-full-control ACL, and the KMS actions on the key ARN", () => {
    const policy = resource(json, 'aws_iam_role_policy', 'workload_a_consumer_policy');
    expect(policy.role).toBe('RoleInAccountA');
    expect(policy.name).toBe('cross-account-s3-my-shared-bucket');
    expect(policyOf(json, 'aws_iam_role_policy', 'workload_a_consumer_policy')).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'ReadWriteObjects',
          Effect: 'Allow',
          Action: [
            's3:GetObject',
            's3:PutObject',
            's3:AbortMultipartUpload',
            's3:ListMultipartUploadParts',
            's3:PutObjectAcl',
          ],
          Resource: `${BUCKET}/*`,
          Condition: { StringEquals: PIN },
        },
        {
          Sid: 'ListBucket',
          Effect: 'Allow',
          Action: 's3:ListBucket',
          Resource: BUCKET,
          Condition: { StringEquals: PIN },
        },
        {
          Sid: 'UseBucketKey',
          Effect: 'Allow',
          Action: ['kms:GenerateDataKey', 'kms:Decrypt'],
          Resource: KEY_REF,
          Condition: KMS_CONDITIONS,
        },
      ],
    });
  });

  test("A's role trusts A's account root by default", () => {
    const role = resource(json, 'aws_iam_role', 'workload_a_consumer_role');
    expect(role.name).toBe('RoleInAccountA');
    expect(role.path).toBe('/');
    expect(policyOf(json, 'aws_iam_role', 'workload_a_consumer_role', 'assume_role_policy')).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'TrustAwsPrincipals',
          Effect: 'Allow',
          Principal: { AWS: 'arn:aws:iam::111111111111:root' },
          Action: 'sts:AssumeRole',
        },
      ],
    });
  });

  test('bucket and key policy are created after the role they name', () => {
    expect(resource(json, 'aws_s3_bucket_policy', 'shared_bucket').depends_on).toEqual([
      'aws_s3_bucket_public_access_block.shared_bucket',
      'aws_s3_bucket_ownership_controls.shared_bucket',
      'aws_s3_bucket_versioning.shared_bucket',
      'aws_s3_bucket_server_side_encryption_configuration.shared_bucket',
      'aws_iam_role.workload_a_consumer_role',
    ]);
    expect(resource(json, 'aws_kms_key_policy', 'bucket_key').depends_on).toEqual([
      'aws_iam_role.workload_a_consumer_role',
    ]);
  });

  test('providers: B owns the bucket side, A the role side', () => {
    const providerOf = (type: string, name: string) => resource(json, type, name).provider;
    for (const address of addresses(json)) {
      const [type, name] = address.split('.');
      const expected = type.startsWith('aws_iam_') ? 'aws.account_111111111111' : 'aws.account_222222222222';
      expect([address, providerOf(type, name)]).toEqual([address, expected]);
    }
    expect(json.provider.aws).toEqual([
      {
        alias: 'account_222222222222',
        allowed_account_ids: ['222222222222'],
        profile: 'account-b',
        region: 'us-east-1',
      },
      {
        alias: 'account_111111111111',
        allowed_account_ids: ['111111111111'],
        profile: 'account-a',
        region: 'us-east-1',
      },
    ]);
  });

  test('outputs: the data-plane role is the role of A; no external ID', () => {
    expect(Object.keys(json.output).sort()).toEqual([
      'bucket_arn',
      'bucket_name',
      'kms_key_arn',
      'workload_a_data_plane_role_arn',
    ]);
    expect(json.output.workload_a_data_plane_role_arn.value).toBe(ROLE_A);
    expect(json.output.kms_key_arn.value).toBe(KEY_REF);
    expect(json.output.bucket_arn.value).toBe(BUCKET);
  });

  test('statement Sids are unique per policy', () => {
    const doc = policyOf(json, 'aws_s3_bucket_policy', 'shared_bucket');
    expect(Object.keys(bySid(doc))).toHaveLength(doc.Statement.length);
  });
});
