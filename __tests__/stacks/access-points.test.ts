/** Access-points mode: one access point per consumer, the bucket policy delegates, principals merge in the key policy. */
import { Testing } from 'cdktf';
import { CrossAccountS3Stack } from '../../modules/stacks/cross-account-stack';
import { defaultAccessPointName } from '../../modules/config/schema';
import { accessPointsEntry } from '../fixtures';
import { OWNER_DENY_SIDS, addresses, modelOf, policyOf, resource, synthStack } from '../helpers';

const BUCKET = 'arn:aws:s3:::analytics-share';
const AP0 = `arn:aws:s3:eu-central-1:222222222222:accesspoint/${defaultAccessPointName('team-0', 'analytics-share')}`;
const ROLE0 = 'arn:aws:iam::100000000000:role/Team0Role';

describe('access-points mode, direct approach, three consumers', () => {
  const json = synthStack(modelOf(accessPointsEntry('direct', 3)));

  test('default access point names: consumer name and 6 hex digits of the bucket name hash', () => {
    expect(defaultAccessPointName('team-0', 'analytics-share')).toBe('team-0-418d28');
    expect(addresses(json).filter((a) => a.startsWith('aws_s3_access_point.'))).toEqual([
      'aws_s3_access_point.team_0_access_point',
      'aws_s3_access_point.team_1_access_point',
      'aws_s3_access_point.team_2_access_point',
    ]);
    expect(resource(json, 'aws_s3_access_point', 'team_0_access_point')).toMatchObject({
      name: 'team-0-418d28',
      bucket: '${aws_s3_bucket.shared_bucket.id}',
      provider: 'aws.account_222222222222',
      depends_on: ['aws_iam_role.team_0_consumer_role'],
      public_access_block_configuration: {
        block_public_acls: true,
        block_public_policy: true,
        ignore_public_acls: true,
        restrict_public_buckets: true,
      },
    });
  });

  test("each access point's policy holds its consumer's grant on access point ARNs", () => {
    expect(policyOf(json, 'aws_s3_access_point', 'team_0_access_point')).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'Team0ReadObjects',
          Effect: 'Allow',
          Principal: { AWS: ROLE0 },
          Action: 's3:GetObject',
          Resource: `${AP0}/object/teams/0/*`,
        },
        {
          Sid: 'Team0ListBucket',
          Effect: 'Allow',
          Principal: { AWS: ROLE0 },
          Action: 's3:ListBucket',
          Resource: AP0,
          Condition: { StringLike: { 's3:prefix': 'teams/0/*' } },
        },
      ],
    });
  });

  test("the bucket policy delegates to this stack's access points and names no consumer", () => {
    const doc = policyOf(json, 'aws_s3_bucket_policy', 'shared_bucket');
    expect(doc.Statement.map((s) => s.Sid)).toEqual([...OWNER_DENY_SIDS, 'DelegateToOwnerAccessPoints']);
    expect(doc.Statement[7]).toEqual({
      Sid: 'DelegateToOwnerAccessPoints',
      Effect: 'Allow',
      Principal: { AWS: '*' },
      Action: 's3:*',
      Resource: [BUCKET, `${BUCKET}/*`],
      Condition: {
        StringEquals: { 's3:DataAccessPointAccount': '222222222222' },
        // Only this stack's access points: default names share the bucket's suffix.
        StringLike: { 's3:DataAccessPointArn': 'arn:aws:s3:eu-central-1:222222222222:accesspoint/*-418d28' },
      },
    });
    expect(resource(json, 'aws_s3_bucket_policy', 'shared_bucket').policy).not.toContain('Team');
  });

  test('identity policies name the access point, pinned to the owner account; KMS accepts any object of the bucket as context', () => {
    expect(policyOf(json, 'aws_iam_role_policy', 'team_0_consumer_policy').Statement).toEqual([
      {
        Sid: 'ReadObjects',
        Effect: 'Allow',
        Action: 's3:GetObject',
        Resource: `${AP0}/object/teams/0/*`,
        Condition: { StringEquals: { 's3:ResourceAccount': '222222222222' } },
      },
      {
        Sid: 'ListBucket',
        Effect: 'Allow',
        Action: 's3:ListBucket',
        Resource: AP0,
        Condition: {
          StringEquals: { 's3:ResourceAccount': '222222222222' },
          StringLike: { 's3:prefix': 'teams/0/*' },
        },
      },
      {
        Sid: 'UseBucketKey',
        Effect: 'Allow',
        Action: 'kms:Decrypt',
        Resource: '${aws_kms_key.bucket_key.arn}',
        Condition: {
          StringEquals: { 'kms:ViaService': 's3.eu-central-1.amazonaws.com' },
          StringLike: { 'kms:EncryptionContext:aws:s3:arn': [BUCKET, `${BUCKET}/*`] },
        },
      },
    ]);
  });

  test('the key policy merges the principals of each access level', () => {
    const doc = policyOf(json, 'aws_kms_key_policy', 'bucket_key');
    expect(doc.Statement.map((s) => [s.Sid, s.Principal, s.Action])).toEqual([
      ['EnableOwnerAccountIamPolicies', { AWS: 'arn:aws:iam::222222222222:root' }, 'kms:*'],
      ['Team0UseBucketKeyAnd1More', { AWS: [ROLE0, 'arn:aws:iam::100000015838:role/Team2Role'] }, 'kms:Decrypt'],
      [
        'Team1UseBucketKey',
        { AWS: 'arn:aws:iam::100000007919:role/Team1Role' },
        ['kms:GenerateDataKey', 'kms:Decrypt'],
      ],
    ]);
  });

  test('outputs give each consumer its access point alias and ARN', () => {
    expect(json.output.team_0_access_point_alias.value).toBe('${aws_s3_access_point.team_0_access_point.alias}');
    expect(json.output.team_0_access_point_arn.value).toBe(AP0);
  });
});

describe('access-points mode, custom access point names', () => {
  test('are delegated to by their exact ARN, beside the pattern of default names', () => {
    const raw = accessPointsEntry('direct', 2);
    (raw.consumers[1] as Record<string, unknown>).accessPointName = 'team-one-reports';
    const doc = policyOf(synthStack(modelOf(raw)), 'aws_s3_bucket_policy', 'shared_bucket');
    expect(doc.Statement[7].Condition!.StringLike).toEqual({
      's3:DataAccessPointArn': [
        'arn:aws:s3:eu-central-1:222222222222:accesspoint/*-418d28',
        'arn:aws:s3:eu-central-1:222222222222:accesspoint/team-one-reports',
      ],
    });
  });
});

describe('access-points mode, assume-role approach', () => {
  test("the access point names the owner-side role; A's role may only assume it", () => {
    const json = synthStack(modelOf(accessPointsEntry('assume-role', 2)));
    const ownerRole = 'arn:aws:iam::222222222222:role/S3AccessFromTeam0';
    expect(policyOf(json, 'aws_s3_access_point', 'team_0_access_point').Statement[0].Principal).toEqual({
      AWS: ownerRole,
    });
    expect(resource(json, 'aws_s3_access_point', 'team_0_access_point').depends_on).toEqual([
      'aws_iam_role.team_0_owner_role',
    ]);
    expect(policyOf(json, 'aws_iam_role_policy', 'team_0_owner_policy').Statement[0].Resource).toBe(
      `${AP0}/object/teams/0/*`,
    );
    expect(policyOf(json, 'aws_iam_role_policy', 'team_0_consumer_policy').Statement).toEqual([
      { Sid: 'AssumeOwnerAccountRole', Effect: 'Allow', Action: 'sts:AssumeRole', Resource: ownerRole },
    ]);
  });
});

describe('modes and scale', () => {
  test('500 consumers fit in access-points mode (key policy merged per access level)', () => {
    const model = modelOf(accessPointsEntry('direct', 500));
    const stack = new CrossAccountS3Stack(Testing.app(), model.name, { model });
    const json = JSON.parse(Testing.synth(stack, true));
    expect(Object.keys(json.resource.aws_s3_access_point)).toHaveLength(500);
    const key = JSON.parse(json.resource.aws_kms_key_policy.bucket_key.policy);
    expect(key.Statement.map((s: { Sid: string }) => s.Sid)).toEqual([
      'EnableOwnerAccountIamPolicies',
      'Team0UseBucketKeyAnd249More',
      'Team1UseBucketKeyAnd249More',
    ]);
  });

  test('in bucket-policy mode the same consumers fail with the numbers and the advice to use access points', () => {
    const raw = { ...accessPointsEntry('direct', 50), accessMode: 'bucket-policy' };
    const model = modelOf(raw);
    const stack = new CrossAccountS3Stack(Testing.app(), model.name, { model });
    expect(() => Testing.synth(stack, true)).toThrow(
      /s3:\/\/analytics-share: the bucket policy is 25,191 bytes, over the limit of 20,480 bytes by 4,711 .*for more consumers set "accessMode": "access-points"/,
    );
  });
});
