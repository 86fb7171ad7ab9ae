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
import { keyLockoutProblem, kmsActions, s3KeyUseConditions, s3ViaService } from '../../modules/policy/kms';
import {
  denyKmsUploadsWithoutBucketKey,
  denyOtherAcls,
  objectActions,
  ownerBucketStatements,
  s3GrantStatements,
} from '../../modules/policy/s3';
import {
  chainedTagKeys,
  consumerRoleTrustStatements,
  consumerSessionStatements,
  consumerSessionTrustStatements,
  externalIdTrustStatement,
} from '../../modules/policy/trust';

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

  test('ListBucket only for reading levels; PutObjectAcl only for writing ones', () => {
    const bucket = 'arn:aws:s3:::b';
    expect(s3GrantStatements({ sidPrefix: 'X', access: 'write', bucketArn: bucket, prefixes: ['in/'] })).toEqual([
      {
        Sid: 'XWriteObjects',
        Effect: 'Allow',
        Action: ['s3:PutObject', 's3:AbortMultipartUpload', 's3:ListMultipartUploadParts', 's3:PutObjectAcl'],
        Resource: 'arn:aws:s3:::b/in/*',
      },
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
    accountId: '222222222222',
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
    expect(
      consumerRoleTrustStatements(['arn:aws:iam::1:root', 'arn:aws:iam::1:role/x'], { accountId: '111111111111' }),
    ).toEqual([
      {
        Sid: 'TrustAwsPrincipals',
        Effect: 'Allow',
        Principal: { AWS: ['arn:aws:iam::1:root', 'arn:aws:iam::1:role/x'] },
        Action: 'sts:AssumeRole',
      },
    ]);
  });

  test('each service gets what it needs: Pod Identity tags, listed services their own account', () => {
    expect(
      consumerRoleTrustStatements(
        ['lambda.amazonaws.com', 'ecs-tasks.amazonaws.com', 'states.amazonaws.com', 'pods.eks.amazonaws.com'],
        { accountId: '111111111111', podIdentity: { namespace: 'etl', serviceAccount: 'loader' } },
      ),
    ).toEqual([
      {
        Sid: 'TrustServicePrincipals',
        Effect: 'Allow',
        Principal: { Service: 'lambda.amazonaws.com' },
        Action: 'sts:AssumeRole',
      },
      {
        Sid: 'TrustServicePrincipalsOfThisAccount',
        Effect: 'Allow',
        Principal: { Service: ['ecs-tasks.amazonaws.com', 'states.amazonaws.com'] },
        Action: 'sts:AssumeRole',
        Condition: { StringEquals: { 'aws:SourceAccount': '111111111111' } },
      },
      {
        Sid: 'TrustEksPodIdentity',
        Effect: 'Allow',
        Principal: { Service: 'pods.eks.amazonaws.com' },
        Action: ['sts:AssumeRole', 'sts:TagSession'],
        Condition: {
          StringEquals: {
            'aws:RequestTag/kubernetes-namespace': 'etl',
            'aws:RequestTag/kubernetes-service-account': 'loader',
          },
        },
      },
    ]);
  });

  test('chained sessions: TagSession limited to the listed keys, SetSourceIdentity, on both sides', () => {
    const sessions = { tagKeys: ['team', 'project'], sourceIdentity: true };
    expect(
      consumerRoleTrustStatements(['arn:aws:iam::1:role/x'], { accountId: '111111111111', sessions }).slice(1),
    ).toEqual([
      {
        Sid: 'TrustAwsPrincipalsSessionTags',
        Effect: 'Allow',
        Principal: { AWS: 'arn:aws:iam::1:role/x' },
        Action: 'sts:TagSession',
        Condition: { 'ForAllValues:StringEquals': { 'aws:TagKeys': ['team', 'project'] } },
      },
      {
        Sid: 'TrustAwsPrincipalsSourceIdentity',
        Effect: 'Allow',
        Principal: { AWS: 'arn:aws:iam::1:role/x' },
        Action: 'sts:SetSourceIdentity',
      },
    ]);
    expect(consumerSessionTrustStatements('arn:aws:iam::1:role/c', { tagKeys: ['team'] })).toEqual([
      {
        Sid: 'TrustConsumerRoleSessionTags',
        Effect: 'Allow',
        Principal: { AWS: 'arn:aws:iam::1:role/c' },
        Action: 'sts:TagSession',
        Condition: { 'ForAllValues:StringEquals': { 'aws:TagKeys': 'team' } },
      },
    ]);
    expect(consumerSessionStatements('arn:aws:iam::2:role/o', { sourceIdentity: true })).toEqual([
      {
        Sid: 'OwnerAccountRoleSourceIdentity',
        Effect: 'Allow',
        Action: 'sts:SetSourceIdentity',
        Resource: 'arn:aws:iam::2:role/o',
      },
    ]);
    expect(chainedTagKeys(['pods.eks.amazonaws.com'], { tagKeys: ['team'] })).toEqual([
      'team',
      'eks-cluster-arn',
      'eks-cluster-name',
      'kubernetes-namespace',
      'kubernetes-service-account',
      'kubernetes-pod-name',
      'kubernetes-pod-uid',
    ]);
    expect(chainedTagKeys(['arn:aws:iam::1:root'], undefined)).toEqual([]);
  });
});

describe('owner baseline', () => {
  test('every ACL but bucket-owner-full-control is refused, also one sent in the body (no header)', () => {
    expect(denyOtherAcls('arn:aws:s3:::b')).toEqual({
      Sid: 'DenyAclsOtherThanBucketOwnerFullControl',
      Effect: 'Deny',
      Principal: '*',
      Action: 's3:PutObjectAcl',
      Resource: 'arn:aws:s3:::b/*',
      Condition: { StringNotEquals: { 's3:x-amz-acl': 'bucket-owner-full-control' } },
    });
  });

  test('SSE-KMS: aws:kms without the bucket key refused without a Null guard; the bare key ID only from the owner', () => {
    const sids = (keyId?: string) =>
      ownerBucketStatements({ bucketArn: 'arn:aws:s3:::b', ownerAccountId: '2', keyArn: 'K', keyId }).map((s) => s.Sid);
    expect(sids('k')).toEqual([
      'DenyInsecureTransport',
      'DenyUploadsWithOtherEncryption',
      'DenyUploadsWithOtherKmsKeys',
      'DenyKmsUploadsWithoutBucketKey',
      'DenyBareKeyIdFromOtherAccounts',
      'DenyCustomerProvidedKeys',
      'DenyAclsOtherThanBucketOwnerFullControl',
    ]);
    expect(sids()).not.toContain('DenyBareKeyIdFromOtherAccounts');
    expect(denyKmsUploadsWithoutBucketKey('arn:aws:s3:::b', 'K', 'k').Condition).toEqual({
      StringEquals: { 's3:x-amz-server-side-encryption': 'aws:kms' },
      StringNotEquals: { 's3:x-amz-server-side-encryption-aws-kms-key-id': ['K', 'k'] },
    });
    expect(ownerBucketStatements({ bucketArn: 'arn:aws:s3:::b', ownerAccountId: '2' }).map((s) => s.Sid)).toEqual([
      'DenyInsecureTransport',
      'DenyUploadsWithOtherEncryption',
      'DenyCustomerProvidedKeys',
      'DenyAclsOtherThanBucketOwnerFullControl',
    ]);
  });
});

describe('key lockout', () => {
  const input = { partition: 'aws' as const, ownerAccountId: '222222222222' };
  const admin = (principal: string, extra: object = {}) => ({
    Sid: 'Admin',
    Effect: 'Allow',
    Principal: { AWS: principal },
    Action: 'kms:*',
    Resource: '*',
    ...extra,
  });
  test('delegation to IAM (root) or the named deployment role proves it', () => {
    expect(keyLockoutProblem([admin('arn:aws:iam::222222222222:root')], input, 'X')).toBeUndefined();
    expect(keyLockoutProblem([admin('222222222222')], input, 'X')).toBeUndefined();
    const deployer = 'arn:aws:iam::222222222222:role/Deploy';
    expect(keyLockoutProblem([admin(deployer)], { ...input, deployerRoleArn: deployer }, 'X')).toBeUndefined();
    expect(
      keyLockoutProblem(
        [{ ...admin(deployer), Action: ['kms:Put*', 'kms:Describe*'] }],
        { ...input, deployerRoleArn: deployer },
        'X',
      ),
    ).toBeUndefined();
  });

  test('another role, a condition, or a Deny on PutKeyPolicy does not; the advice fits the case', () => {
    expect(keyLockoutProblem([admin('arn:aws:iam::222222222222:role/Other')], input, '"opt": true')).toEqual({
      reason:
        'allows kms:PutKeyPolicy (on "*", without conditions) neither to the owner account\'s root arn:aws:iam::222222222222:root (delegating to IAM) nor to the deployer, which the stack cannot identify (the owner provider signs in with a profile or ambient credentials, not "assumeRoleArn"), and KMS refuses a key policy that would lock out the principal that puts it (https://docs.aws.amazon.com/kms/latest/APIReference/API_PutKeyPolicy.html)',
      advice:
        'add a statement that allows it to one of them, or confirm with "opt": true that the deployer is allowed another way (for example a profile\'s role named in the policy, or a statement with a condition)',
    });
    expect(
      keyLockoutProblem(
        [admin('arn:aws:iam::222222222222:role/Other')],
        {
          ...input,
          deployerRoleArn: 'arn:aws:iam::222222222222:role/Deploy',
        },
        'X',
      )?.reason,
    ).toMatch(/ nor to the deployment role arn:aws:iam::222222222222:role\/Deploy, and KMS refuses/);
    expect(
      keyLockoutProblem([admin('arn:aws:iam::222222222222:root', { Condition: { Bool: { x: 'true' } } })], input, 'X'),
    ).toBeDefined();
    expect(
      keyLockoutProblem(
        [
          admin('arn:aws:iam::222222222222:root'),
          { Sid: 'NoPolicyChanges', Effect: 'Deny', Principal: '*', Action: 'kms:PutKeyPolicy', Resource: '*' },
        ],
        input,
        '"opt": true',
      ),
    ).toEqual({
      reason: expect.stringMatching(/^has a Deny statement \("NoPolicyChanges"\) that may cover kms:PutKeyPolicy/),
      advice: 'make sure the Deny cannot apply to the deployer, then confirm it with "opt": true',
    });
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
