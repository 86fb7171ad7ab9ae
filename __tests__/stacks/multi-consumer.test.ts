/** Several consumers on one bucket: merged policies, prefixes, access levels, existing roles. */
import { multiConsumerEntry } from '../fixtures';
import { OWNER_DENY_SIDS, addresses, bySid, modelOf, policyOf, principalsOf, resource, synthStack } from '../helpers';

const BUCKET = 'arn:aws:s3:::analytics-share';
const READER = 'arn:aws:iam::111111111111:role/ReportsReader';
const INGEST = 'arn:aws:iam::333333333333:role/pipelines/IngestWriter';
const ANALYST = 'arn:aws:iam::111111111111:role/AnalystRole';

describe('three consumers, direct approach', () => {
  const json = synthStack(modelOf(multiConsumerEntry('direct')));
  const bucketPolicy = bySid(policyOf(json, 'aws_s3_bucket_policy', 'shared_bucket'));
  const keyPolicy = bySid(policyOf(json, 'aws_kms_key_policy', 'bucket_key'));

  test('all grants in the one bucket policy, in config order', () => {
    expect(Object.keys(bucketPolicy)).toEqual([
      ...OWNER_DENY_SIDS,
      'ReportsReaderReadObjects',
      'ReportsReaderListBucket',
      'IngestWriteObjects',
      'AnalystReadWriteObjects',
      'AnalystListBucket',
    ]);
    expect(principalsOf(policyOf(json, 'aws_s3_bucket_policy', 'shared_bucket'))).toEqual([
      '*',
      '*',
      '*',
      '*',
      '*',
      '*',
      '*',
      READER,
      READER,
      INGEST,
      ANALYST,
      ANALYST,
    ]);
  });

  test('prefixes scope objects and ListBucket (normalised to end with /)', () => {
    expect(bucketPolicy.ReportsReaderReadObjects).toEqual({
      Sid: 'ReportsReaderReadObjects',
      Effect: 'Allow',
      Principal: { AWS: READER },
      Action: 's3:GetObject',
      Resource: [`${BUCKET}/reports/*`, `${BUCKET}/exports/daily/*`],
    });
    expect(bucketPolicy.ReportsReaderListBucket).toEqual({
      Sid: 'ReportsReaderListBucket',
      Effect: 'Allow',
      Principal: { AWS: READER },
      Action: 's3:ListBucket',
      Resource: BUCKET,
      Condition: { StringLike: { 's3:prefix': ['reports/*', 'exports/daily/*'] } },
    });
  });

  test('write-only consumer: write actions, no ListBucket, GenerateDataKey + Decrypt', () => {
    expect(bucketPolicy.IngestWriteObjects).toEqual({
      Sid: 'IngestWriteObjects',
      Effect: 'Allow',
      Principal: { AWS: INGEST },
      Action: ['s3:PutObject', 's3:AbortMultipartUpload', 's3:ListMultipartUploadParts', 's3:PutObjectAcl'],
      Resource: `${BUCKET}/incoming/*`,
    });
    expect(bucketPolicy.IngestListBucket).toBeUndefined();
    expect(keyPolicy.IngestUseBucketKey.Action).toEqual(['kms:GenerateDataKey', 'kms:Decrypt']);
  });

  test('key policy: reader gets Decrypt only, context limited to its prefixes', () => {
    expect(keyPolicy.ReportsReaderUseBucketKey).toEqual({
      Sid: 'ReportsReaderUseBucketKey',
      Effect: 'Allow',
      Principal: { AWS: READER },
      Action: 'kms:Decrypt',
      Resource: '*',
      Condition: {
        StringEquals: { 'kms:ViaService': 's3.eu-central-1.amazonaws.com' },
        StringLike: {
          'kms:EncryptionContext:aws:s3:arn': [BUCKET, `${BUCKET}/reports/*`, `${BUCKET}/exports/daily/*`],
        },
      },
    });
    expect(Object.keys(keyPolicy)).toEqual([
      'EnableOwnerAccountIamPolicies',
      'ReportsReaderUseBucketKey',
      'IngestUseBucketKey',
      'AnalystUseBucketKey',
    ]);
  });

  test('existing role: policy attached by name, no role created, no dependency on it', () => {
    expect(json.resource.aws_iam_role.analyst_consumer_role).toBeUndefined();
    const policy = resource(json, 'aws_iam_role_policy', 'analyst_consumer_policy');
    expect(policy.role).toBe('AnalystRole');
    expect(policy.depends_on).toBeUndefined();
    expect(resource(json, 'aws_s3_bucket_policy', 'shared_bucket').depends_on).toEqual([
      'aws_s3_bucket_public_access_block.shared_bucket',
      'aws_s3_bucket_ownership_controls.shared_bucket',
      'aws_s3_bucket_versioning.shared_bucket',
      'aws_s3_bucket_server_side_encryption_configuration.shared_bucket',
      'aws_iam_role.reports_reader_consumer_role',
      'aws_iam_role.ingest_consumer_role',
    ]);
  });

  test('trusted principals: AWS ARNs and service principals in separate statements', () => {
    expect(policyOf(json, 'aws_iam_role', 'reports_reader_consumer_role', 'assume_role_policy').Statement).toEqual([
      {
        Sid: 'TrustAwsPrincipals',
        Effect: 'Allow',
        Principal: { AWS: 'arn:aws:iam::111111111111:role/ci/Deployer' },
        Action: 'sts:AssumeRole',
      },
      {
        Sid: 'TrustServicePrincipals',
        Effect: 'Allow',
        Principal: { Service: 'lambda.amazonaws.com' },
        Action: 'sts:AssumeRole',
      },
    ]);
    expect(resource(json, 'aws_iam_role', 'ingest_consumer_role').path).toBe('/pipelines/');
  });

  test('one provider per account, every resource on its own account', () => {
    expect(json.provider.aws.map((p) => p.alias)).toEqual([
      'account_222222222222',
      'account_111111111111',
      'account_333333333333',
    ]);
    expect(resource(json, 'aws_iam_role', 'ingest_consumer_role').provider).toBe('aws.account_333333333333');
    expect(resource(json, 'aws_iam_role_policy', 'analyst_consumer_policy').provider).toBe('aws.account_111111111111');
  });
});

describe('three consumers, assume-role approach', () => {
  const json = synthStack(modelOf(multiConsumerEntry('assume-role')));

  test('one owner role per consumer in B; default names derive from the consumer name', () => {
    expect(addresses(json).filter((a) => a.startsWith('aws_iam_role.'))).toEqual([
      'aws_iam_role.analyst_owner_role',
      'aws_iam_role.ingest_consumer_role',
      'aws_iam_role.ingest_owner_role',
      'aws_iam_role.reports_reader_consumer_role',
      'aws_iam_role.reports_reader_owner_role',
    ]);
    expect(resource(json, 'aws_iam_role', 'reports_reader_owner_role').name).toBe('S3AccessFromReportsReader');
    expect(resource(json, 'aws_iam_role', 'ingest_owner_role').name).toBe('S3IngestFrom333');
    expect(resource(json, 'aws_iam_role', 'analyst_owner_role').name).toBe('S3AccessFromAnalyst');
  });

  test('an existing consumer role is trusted by ARN; its owner role has no dependency on it', () => {
    const role = resource(json, 'aws_iam_role', 'analyst_owner_role');
    expect(role.depends_on).toBeUndefined();
    expect(policyOf(json, 'aws_iam_role', 'analyst_owner_role', 'assume_role_policy').Statement[0]).toMatchObject({
      Principal: { AWS: ANALYST },
      Condition: { StringEquals: { 'sts:ExternalId': 'analyst-9e4a7b' } },
    });
  });

  test('B policies name only roles of B', () => {
    for (const [type, name] of [
      ['aws_s3_bucket_policy', 'shared_bucket'],
      ['aws_kms_key_policy', 'bucket_key'],
    ]) {
      const principals = principalsOf(policyOf(json, type, name)).filter((p) => p !== '*');
      for (const p of principals) expect(p).toMatch(/^arn:aws:iam::222222222222:(root|role\/S3)/);
    }
  });

  test('owner role identity policy keeps the prefix scoping, pins the owner account and denies everything outside the share', () => {
    expect(policyOf(json, 'aws_iam_role_policy', 'reports_reader_owner_policy').Statement).toEqual([
      {
        Sid: 'ReadObjects',
        Effect: 'Allow',
        Action: 's3:GetObject',
        Resource: [`${BUCKET}/reports/*`, `${BUCKET}/exports/daily/*`],
        Condition: { StringEquals: { 's3:ResourceAccount': '222222222222' } },
      },
      {
        Sid: 'ListBucket',
        Effect: 'Allow',
        Action: 's3:ListBucket',
        Resource: BUCKET,
        Condition: {
          StringEquals: { 's3:ResourceAccount': '222222222222' },
          StringLike: { 's3:prefix': ['reports/*', 'exports/daily/*'] },
        },
      },
      {
        Sid: 'UseBucketKey',
        Effect: 'Allow',
        Action: 'kms:Decrypt',
        Resource: '${aws_kms_key.bucket_key.arn}',
        Condition: {
          StringEquals: { 'kms:ViaService': 's3.eu-central-1.amazonaws.com' },
          StringLike: {
            'kms:EncryptionContext:aws:s3:arn': [BUCKET, `${BUCKET}/reports/*`, `${BUCKET}/exports/daily/*`],
          },
        },
      },
      {
        Sid: 'DenyEverythingOutsideTheShares',
        Effect: 'Deny',
        Action: '*',
        NotResource: [BUCKET, `${BUCKET}/reports/*`, `${BUCKET}/exports/daily/*`, '${aws_kms_key.bucket_key.arn}'],
      },
      {
        Sid: 'DenyOtherActionsOnTheShares',
        Effect: 'Deny',
        NotAction: ['s3:GetObject', 's3:ListBucket'],
        Resource: [BUCKET, `${BUCKET}/reports/*`, `${BUCKET}/exports/daily/*`],
      },
      {
        Sid: 'DenyOtherActionsOnTheSharesGroup2',
        Effect: 'Deny',
        NotAction: 'kms:Decrypt',
        Resource: '${aws_kms_key.bucket_key.arn}',
      },
      {
        Sid: 'DenyListingOutsideThePrefixes',
        Effect: 'Deny',
        Action: 's3:ListBucket',
        Resource: BUCKET,
        Condition: { StringNotLike: { 's3:prefix': ['reports/*', 'exports/daily/*'] } },
      },
      {
        Sid: 'DenyKeyUseOutsideS3',
        Effect: 'Deny',
        Action: 'kms:*',
        Resource: '${aws_kms_key.bucket_key.arn}',
        Condition: { StringNotEquals: { 'kms:ViaService': 's3.eu-central-1.amazonaws.com' } },
      },
      {
        Sid: 'DenyKeyUseForOtherObjects',
        Effect: 'Deny',
        Action: 'kms:*',
        Resource: '${aws_kms_key.bucket_key.arn}',
        Condition: {
          StringNotLike: {
            'kms:EncryptionContext:aws:s3:arn': [BUCKET, `${BUCKET}/reports/*`, `${BUCKET}/exports/daily/*`],
          },
        },
      },
    ]);
  });
});

describe('SSE-S3', () => {
  test('no KMS statement anywhere', () => {
    const json = synthStack(modelOf(multiConsumerEntry('direct', 's3')));
    const text = JSON.stringify(json.resource);
    expect(text).not.toContain('kms:');
    expect(json.output.kms_key_arn).toBeUndefined();
  });
});
