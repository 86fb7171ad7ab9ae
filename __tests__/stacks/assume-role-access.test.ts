/** Approach `assume-role`, default config: every statement of every policy, and the outputs. */
import {
  OWNER_DENY_SIDS,
  BUCKET_ADDRESSES,
  KEY_ADDRESSES,
  addresses,
  defaultModel,
  policyOf,
  principalsOf,
  resource,
  synthStack,
} from '../helpers';

const KEY_REF = '${aws_kms_key.bucket_key.arn}';
const BUCKET = 'arn:aws:s3:::my-shared-bucket';
const ROLE_A = 'arn:aws:iam::111111111111:role/RoleInAccountA';
const ROLE_B = 'arn:aws:iam::222222222222:role/S3AccessFromA';
const EXTERNAL_ID = 'workload-a-7f3e9c2b41d8';
const PIN = { 's3:ResourceAccount': '222222222222' };
const KMS_CONDITIONS = {
  StringEquals: { 'kms:ViaService': 's3.us-east-1.amazonaws.com' },
  StringLike: { 'kms:EncryptionContext:aws:s3:arn': [BUCKET, `${BUCKET}/*`] },
};

describe('assume-role approach (default config)', () => {
  const json = synthStack(defaultModel('assume-role-access'));

  test('creates the owner side, the role in B and the role in A, each with one policy', () => {
    expect(addresses(json)).toEqual([
      'aws_iam_role.workload_a_consumer_role',
      'aws_iam_role.workload_a_owner_role',
      'aws_iam_role_policy.workload_a_consumer_policy',
      'aws_iam_role_policy.workload_a_owner_policy',
      ...KEY_ADDRESSES,
      ...BUCKET_ADDRESSES,
    ]);
  });

  test("B's role trusts only A's role, and only with the external ID", () => {
    const role = resource(json, 'aws_iam_role', 'workload_a_owner_role');
    expect(role.name).toBe('S3AccessFromA');
    expect(role.max_session_duration).toBe(3600);
    expect(role.provider).toBe('aws.account_222222222222');
    expect(role.depends_on).toEqual(['aws_iam_role.workload_a_consumer_role']);
    expect(policyOf(json, 'aws_iam_role', 'workload_a_owner_role', 'assume_role_policy')).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'TrustConsumerRoleWithExternalId',
          Effect: 'Allow',
          Principal: { AWS: ROLE_A },
          Action: 'sts:AssumeRole',
          Condition: { StringEquals: { 'sts:ExternalId': EXTERNAL_ID } },
        },
      ],
    });
  });

  test("A's role may only assume B's role", () => {
    const policy = resource(json, 'aws_iam_role_policy', 'workload_a_consumer_policy');
    expect(policy.role).toBe('RoleInAccountA');
    expect(policy.provider).toBe('aws.account_111111111111');
    expect(policyOf(json, 'aws_iam_role_policy', 'workload_a_consumer_policy')).toEqual({
      Version: '2012-10-17',
      Statement: [{ Sid: 'AssumeOwnerAccountRole', Effect: 'Allow', Action: 'sts:AssumeRole', Resource: ROLE_B }],
    });
  });

  test("B's role holds the S3 actions pinned to B's account, the owner-full-control ACL, the conditioned KMS actions, and is denied everything outside the share", () => {
    const policy = resource(json, 'aws_iam_role_policy', 'workload_a_owner_policy');
    expect(policy.role).toBe('S3AccessFromA');
    expect(policy.provider).toBe('aws.account_222222222222');
    expect(policyOf(json, 'aws_iam_role_policy', 'workload_a_owner_policy')).toEqual({
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
        {
          Sid: 'DenyEverythingOutsideTheShares',
          Effect: 'Deny',
          Action: '*',
          NotResource: [BUCKET, `${BUCKET}/*`, KEY_REF],
        },
        {
          Sid: 'DenyOtherActionsOnTheShares',
          Effect: 'Deny',
          NotAction: [
            's3:GetObject',
            's3:PutObject',
            's3:AbortMultipartUpload',
            's3:ListMultipartUploadParts',
            's3:PutObjectAcl',
            's3:ListBucket',
          ],
          Resource: [BUCKET, `${BUCKET}/*`],
        },
        {
          Sid: 'DenyOtherActionsOnTheSharesGroup2',
          Effect: 'Deny',
          NotAction: ['kms:GenerateDataKey', 'kms:Decrypt'],
          Resource: KEY_REF,
        },
        {
          Sid: 'DenyKeyUseOutsideS3',
          Effect: 'Deny',
          Action: 'kms:*',
          Resource: KEY_REF,
          Condition: { StringNotEquals: { 'kms:ViaService': 's3.us-east-1.amazonaws.com' } },
        },
        {
          Sid: 'DenyKeyUseForOtherObjects',
          Effect: 'Deny',
          Action: 'kms:*',
          Resource: KEY_REF,
          Condition: { StringNotLike: { 'kms:EncryptionContext:aws:s3:arn': [BUCKET, `${BUCKET}/*`] } },
        },
      ],
    });
  });

  test("bucket policy names only B's role (besides the denies)", () => {
    const doc = policyOf(json, 'aws_s3_bucket_policy', 'shared_bucket');
    expect(doc.Statement.map((s) => s.Sid)).toEqual([
      ...OWNER_DENY_SIDS,
      'WorkloadAReadWriteObjects',
      'WorkloadAListBucket',
    ]);
    expect(doc.Statement.slice(7)).toEqual([
      {
        Sid: 'WorkloadAReadWriteObjects',
        Effect: 'Allow',
        Principal: { AWS: ROLE_B },
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
        Principal: { AWS: ROLE_B },
        Action: 's3:ListBucket',
        Resource: BUCKET,
      },
    ]);
    expect(resource(json, 'aws_s3_bucket_policy', 'shared_bucket').depends_on).toEqual([
      'aws_s3_bucket_public_access_block.shared_bucket',
      'aws_s3_bucket_ownership_controls.shared_bucket',
      'aws_s3_bucket_versioning.shared_bucket',
      'aws_s3_bucket_server_side_encryption_configuration.shared_bucket',
      'aws_iam_role.workload_a_owner_role',
    ]);
  });

  test("key policy: owner root, then B's role with S3-only conditions", () => {
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
          Principal: { AWS: ROLE_B },
          Action: ['kms:GenerateDataKey', 'kms:Decrypt'],
          Resource: '*',
          Condition: KMS_CONDITIONS,
        },
      ],
    });
  });

  test("account A appears in none of B's resource policies", () => {
    const texts = [
      resource(json, 'aws_s3_bucket_policy', 'shared_bucket').policy,
      resource(json, 'aws_kms_key_policy', 'bucket_key').policy,
    ];
    for (const text of texts) expect(text).not.toContain('111111111111');
    expect(principalsOf(policyOf(json, 'aws_s3_bucket_policy', 'shared_bucket'))).toEqual([
      '*',
      '*',
      '*',
      '*',
      '*',
      '*',
      '*',
      ROLE_B,
      ROLE_B,
    ]);
  });

  test('outputs: data-plane role, external ID, assume-role command and CLI profiles', () => {
    expect(json.output.workload_a_data_plane_role_arn.value).toBe(ROLE_B);
    expect(json.output.workload_a_external_id.value).toBe(EXTERNAL_ID);
    expect(json.output.workload_a_assume_role_command.value).toBe(
      `aws sts assume-role --role-arn ${ROLE_B} --role-session-name workload-a --external-id ${EXTERNAL_ID} --duration-seconds 3600 --profile workload-a-workload`,
    );
    expect(json.output.workload_a_aws_cli_profile.value).toBe(
      [
        '[profile workload-a-workload]',
        `role_arn = ${ROLE_A}`,
        'source_profile = account-a',
        '',
        '[profile workload-a-s3]',
        `role_arn = ${ROLE_B}`,
        'source_profile = workload-a-workload',
        `external_id = ${EXTERNAL_ID}`,
        'duration_seconds = 3600',
        '',
      ].join('\n'),
    );
  });
});
