/** The pure policy core: action sets, ARNs, conditions, documents. */
import { accountRootArn, bucketArn, objectArns, parseKmsKeyArn, partitionOf, roleArn } from '../../modules/policy/arn';
import { mergeStatements, policyDocument, renderPolicy, sidPart } from '../../modules/policy/document';
import {
  BUCKET_POLICY_LIMIT,
  ROLE_INLINE_POLICIES_LIMIT,
  checkPolicySize,
  policySize,
  trustPolicyLimit,
} from '../../modules/policy/limits';
import { identitySideStatements, resourceSideStatements } from '../../modules/policy/grant';
import { kmsActions, s3KeyUseConditions, s3ViaService } from '../../modules/policy/kms';
import { objectActions, s3GrantStatements } from '../../modules/policy/s3';
import { consumerRoleTrustStatements, externalIdTrustStatement } from '../../modules/policy/trust';

describe('action sets per access level', () => {
  test.each([
    ['read', ['s3:GetObject'], ['kms:Decrypt']],
    [
      'write',
      ['s3:PutObject', 's3:AbortMultipartUpload', 's3:ListMultipartUploadParts'],
      ['kms:GenerateDataKey', 'kms:Decrypt'],
    ],
    [
      'read-write',
      ['s3:GetObject', 's3:PutObject', 's3:AbortMultipartUpload', 's3:ListMultipartUploadParts'],
      ['kms:GenerateDataKey', 'kms:Decrypt'],
    ],
  ] as const)('%s', (access, s3, kms) => {
    expect(objectActions(access)).toEqual(s3);
    expect(kmsActions(access)).toEqual(kms);
  });

  test('ListBucket only for reading levels', () => {
    const bucket = 'arn:aws:s3:::b';
    expect(s3GrantStatements({ sidPrefix: 'X', access: 'write', bucketArn: bucket }).map((s) => s.Sid)).toEqual([
      'XWriteObjects',
    ]);
    expect(s3GrantStatements({ sidPrefix: 'X', access: 'read', bucketArn: bucket }).map((s) => s.Sid)).toEqual([
      'XReadObjects',
      'XListBucket',
    ]);
  });
});

describe('ARNs', () => {
  test.each([
    ['us-east-1', 'aws'],
    ['eu-central-2', 'aws'],
    ['cn-northwest-1', 'aws-cn'],
    ['us-gov-west-1', 'aws-us-gov'],
  ] as const)('region %s is in partition %s', (region, partition) => {
    expect(partitionOf(region)).toBe(partition);
  });

  test('role, root, bucket and object ARNs', () => {
    expect(roleArn('aws', '111111111111', 'R')).toBe('arn:aws:iam::111111111111:role/R');
    expect(roleArn('aws-us-gov', '111111111111', 'R', '/a/b/')).toBe('arn:aws-us-gov:iam::111111111111:role/a/b/R');
    expect(accountRootArn('aws-cn', '222222222222')).toBe('arn:aws-cn:iam::222222222222:root');
    expect(bucketArn('aws', 'b')).toBe('arn:aws:s3:::b');
    expect(objectArns('arn:aws:s3:::b', [])).toEqual(['arn:aws:s3:::b/*']);
    expect(objectArns('arn:aws:s3:::b', ['x/', 'y/z/'])).toEqual(['arn:aws:s3:::b/x/*', 'arn:aws:s3:::b/y/z/*']);
  });

  test('KMS key ARNs are parsed; anything else is not', () => {
    expect(parseKmsKeyArn('arn:aws:kms:eu-west-1:222222222222:key/abc')).toEqual({
      partition: 'aws',
      region: 'eu-west-1',
      accountId: '222222222222',
      resource: 'key/abc',
    });
    expect(parseKmsKeyArn('alias/aws/s3')).toBeUndefined();
  });
});

describe('KMS conditions', () => {
  test('kms:ViaService is S3 in the region, with the partition DNS suffix', () => {
    expect(s3ViaService('us-east-1', 'aws')).toBe('s3.us-east-1.amazonaws.com');
    expect(s3ViaService('cn-north-1', 'aws-cn')).toBe('s3.cn-north-1.amazonaws.com.cn');
  });

  test('encryption context accepts the bucket ARN (bucket key) and object ARNs (no bucket key)', () => {
    expect(s3KeyUseConditions('us-east-1', 'aws', 'arn:aws:s3:::b', ['p/'])).toEqual({
      StringEquals: { 'kms:ViaService': 's3.us-east-1.amazonaws.com' },
      StringLike: { 'kms:EncryptionContext:aws:s3:arn': ['arn:aws:s3:::b', 'arn:aws:s3:::b/p/*'] },
    });
  });
});

describe('grants', () => {
  const target = {
    partition: 'aws' as const,
    region: 'us-east-1',
    bucketArn: 'arn:aws:s3:::b',
    keyArn: 'arn:aws:kms:us-east-1:2:key/k',
  };

  test('resource side names the principal; identity side names none', () => {
    const side = resourceSideStatements(target, { sidPrefix: 'W', access: 'read' }, 'arn:aws:iam::111111111111:role/R');
    for (const s of [...side.bucketPolicy, ...side.keyPolicy]) {
      expect(s.Principal).toEqual({ AWS: 'arn:aws:iam::111111111111:role/R' });
    }
    expect(side.keyPolicy[0].Resource).toBe('*');
    const identity = identitySideStatements(target, { sidPrefix: 'W', access: 'read' });
    expect(identity.every((s) => s.Principal === undefined)).toBe(true);
    expect(identity.map((s) => s.Resource)).toEqual([
      'arn:aws:s3:::b/*',
      'arn:aws:s3:::b',
      'arn:aws:kms:us-east-1:2:key/k',
    ]);
  });

  test('without a key (SSE-S3) no KMS statement on either side', () => {
    const noKey = { ...target, keyArn: undefined };
    expect(
      resourceSideStatements(noKey, { sidPrefix: 'W', access: 'write' }, 'arn:aws:iam::1:role/R').keyPolicy,
    ).toEqual([]);
    expect(identitySideStatements(noKey, { sidPrefix: 'W', access: 'write' }).map((s) => s.Sid)).toEqual([
      'WriteObjects',
    ]);
  });
});

describe('trust', () => {
  test('external ID trust names one role and requires the ID', () => {
    expect(externalIdTrustStatement('arn:aws:iam::1:role/A', 'ext-123')).toEqual({
      Sid: 'TrustConsumerRoleWithExternalId',
      Effect: 'Allow',
      Principal: { AWS: 'arn:aws:iam::1:role/A' },
      Action: 'sts:AssumeRole',
      Condition: { StringEquals: { 'sts:ExternalId': 'ext-123' } },
    });
  });

  test('only AWS principals: one statement', () => {
    expect(consumerRoleTrustStatements(['arn:aws:iam::1:root', 'arn:aws:iam::1:role/x'])).toEqual([
      {
        Sid: 'TrustAwsPrincipals',
        Effect: 'Allow',
        Principal: { AWS: ['arn:aws:iam::1:root', 'arn:aws:iam::1:role/x'] },
        Action: 'sts:AssumeRole',
      },
    ]);
  });
});

describe('sizes', () => {
  test('counted as AWS receives them: <, > and & become six-character escapes; IAM ignores whitespace', () => {
    expect(policySize('{"a":"x&y"}', BUCKET_POLICY_LIMIT)).toBe(16);
    expect(policySize('{ "a": "x" }', trustPolicyLimit())).toBe(9);
    expect(policySize('{ "a": "x" }', BUCKET_POLICY_LIMIT)).toBe(12);
    expect(policySize(['{"a":1}', '{"b":2}'], ROLE_INLINE_POLICIES_LIMIT)).toBe(14);
    expect(checkPolicySize('p', 'x'.repeat(20_481), BUCKET_POLICY_LIMIT)).toBe(
      'p: the bucket policy is 20,481 bytes, over the limit of 20,480 bytes by 1 (https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucket-policies.html)',
    );
  });
});

describe('merging', () => {
  const base = { Effect: 'Allow' as const, Action: 's3:GetObject' };
  test('statements differing only in principal or only in resource merge; others stay apart', () => {
    expect(
      mergeStatements([
        { Sid: 'A', ...base, Principal: { AWS: 'arn:aws:iam::1:role/a' }, Resource: 'r1' },
        { Sid: 'B', ...base, Principal: { AWS: 'arn:aws:iam::2:role/b' }, Resource: 'r1' },
        { Sid: 'C', ...base, Principal: { AWS: 'arn:aws:iam::3:role/c' }, Resource: 'r2' },
        { Sid: 'D', ...base, Principal: { AWS: 'arn:aws:iam::3:role/c' }, Resource: 'r3' },
        { Sid: 'E', ...base, Principal: '*', Resource: 'r1' },
      ]),
    ).toEqual([
      {
        Sid: 'AAnd1More',
        ...base,
        Principal: { AWS: ['arn:aws:iam::1:role/a', 'arn:aws:iam::2:role/b'] },
        Resource: 'r1',
      },
      { Sid: 'CAnd1More', ...base, Principal: { AWS: 'arn:aws:iam::3:role/c' }, Resource: ['r2', 'r3'] },
      { Sid: 'E', ...base, Principal: '*', Resource: 'r1' },
    ]);
  });
});

describe('documents', () => {
  test('duplicate Sids are rejected', () => {
    const s = { Sid: 'A', Effect: 'Allow' as const, Action: 's3:GetObject', Resource: '*' };
    expect(() => policyDocument([s, s])).toThrow(
      'Policy statement Sid "A" is used twice; Sids must be unique within a policy.',
    );
  });

  test('rendering is compact JSON with Version first', () => {
    expect(renderPolicy(policyDocument([{ Sid: 'A', Effect: 'Allow', Action: 'x:Y' }]))).toBe(
      '{"Version":"2012-10-17","Statement":[{"Sid":"A","Effect":"Allow","Action":"x:Y"}]}',
    );
  });

  test('sidPart makes names Sid-safe', () => {
    expect(sidPart('workload-a')).toBe('WorkloadA');
    expect(sidPart('reports_reader-2')).toBe('ReportsReader2');
  });
});
