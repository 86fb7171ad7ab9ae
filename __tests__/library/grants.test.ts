/**
 * The library API: buckets with path-derived logical ids (several per stack), grant methods that
 * return both sides, and the grantee kinds.
 */
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { TerraformStack, Testing } from 'cdktf';
import { Grantee, SharedBucket, handoffsOf } from '../../index';
import { SynthJson, addresses, bySid } from '../helpers';

function stackWithProviders() {
  const app = Testing.app();
  const stack = new TerraformStack(app, 'library');
  const owner = new AwsProvider(stack, 'owner', { alias: 'owner', region: 'eu-west-1' });
  const consumer = new AwsProvider(stack, 'consumer', { alias: 'consumer', region: 'eu-west-1' });
  return { app, stack, owner, consumer };
}

function synth(stack: TerraformStack): SynthJson {
  return JSON.parse(Testing.synth(stack, true)) as SynthJson;
}

describe('two buckets in one stack', () => {
  const { stack, owner, consumer } = stackWithProviders();
  const reports = new SharedBucket(stack, 'reports', {
    provider: owner,
    accountId: '222222222222',
    region: 'eu-west-1',
    bucketName: 'reports-share-example',
  });
  const raw = new SharedBucket(stack, 'raw', {
    provider: owner,
    accountId: '222222222222',
    region: 'eu-west-1',
    bucketName: 'raw-share-example',
    encryption: 's3',
  });
  const reader = Grantee.newRole({ provider: consumer, accountId: '111111111111', roleName: 'ReportsReader' });
  const direct = reports.grantRead(reader, { prefixes: ['monthly'] });
  const viaOwner = raw.grantReadWrite(reader, {
    name: 'raw-writer',
    assumeRole: { externalId: 'raw-writer-7c1e0b9a2d' },
  });
  const json = synth(stack);

  test('each bucket has its own resources, with ids derived from the construct path', () => {
    const buckets = Object.keys(json.resource.aws_s3_bucket);
    expect(buckets).toHaveLength(2);
    expect(buckets.some((id) => id.startsWith('reports_bucket_'))).toBe(true);
    expect(buckets.some((id) => id.startsWith('raw_bucket_'))).toBe(true);
    expect(Object.keys(json.resource.aws_s3_bucket_policy)).toHaveLength(2);
    // One key: the raw bucket uses SSE-S3.
    expect(Object.keys(json.resource.aws_kms_key)).toHaveLength(1);
    expect(addresses(json).filter((a) => a.includes('shared_bucket'))).toEqual([]);
  });

  test('one grantee used in two grants is one role with one policy per bucket', () => {
    const roles = Object.values(json.resource.aws_iam_role).map((r) => r.name);
    expect(roles.sort()).toEqual(['ReportsReader', 'S3AccessFromRawWriter']);
    const policies = Object.values(json.resource.aws_iam_role_policy).map((p) => p.name);
    expect(policies.sort()).toEqual([
      'cross-account-s3-raw-share-example',
      'cross-account-s3-reports-share-example',
      's3-access-raw-share-example',
    ]);
  });

  test('a direct grant exposes both sides and the role that calls S3', () => {
    expect(direct.approach).toBe('direct');
    expect(direct.dataPlaneRoleArn).toBe('arn:aws:iam::111111111111:role/ReportsReader');
    const bucketSids = direct.resourceStatements.bucketPolicy.map((s) => s.Sid);
    expect(bucketSids).toEqual(['ReportsReaderReadObjects', 'ReportsReaderListBucket']);
    expect(direct.resourceStatements.bucketPolicy[0].Resource).toBe('arn:aws:s3:::reports-share-example/monthly/*');
    expect(direct.resourceStatements.bucketPolicy[1].Condition).toEqual({ StringLike: { 's3:prefix': 'monthly/*' } });
    expect(direct.resourceStatements.keyPolicy.map((s) => s.Sid)).toEqual(['ReportsReaderUseBucketKey']);
    expect(direct.identityStatements.map((s) => s.Sid)).toEqual(['ReadObjects', 'ListBucket', 'UseBucketKey']);
    expect(direct.identityStatements).toBe(direct.consumerStatements);
    expect(direct.createdRoles.map((r) => r.nameInput)).toEqual(['ReportsReader']);
  });

  test('an assume-role grant names only the owner role in the bucket policy', () => {
    expect(viaOwner.approach).toBe('assume-role');
    expect(viaOwner.dataPlaneRoleArn).toBe('arn:aws:iam::222222222222:role/S3AccessFromRawWriter');
    const principals = viaOwner.resourceStatements.bucketPolicy.map((s) => s.Principal);
    expect(principals).toEqual([
      { AWS: 'arn:aws:iam::222222222222:role/S3AccessFromRawWriter' },
      { AWS: 'arn:aws:iam::222222222222:role/S3AccessFromRawWriter' },
    ]);
    expect(viaOwner.resourceStatements.bucketPolicy.map((s) => s.Sid)).toEqual([
      'RawWriterReadWriteObjects',
      'RawWriterListBucket',
    ]);
    expect(viaOwner.resourceStatements.keyPolicy).toEqual([]);
    expect(viaOwner.consumerStatements.map((s) => s.Action)).toEqual(['sts:AssumeRole']);
    // The role the grantee binds to is the one created for the direct grant, not a second one.
    expect(viaOwner.consumerRole).toBe(direct.consumerRole);
    expect(viaOwner.createdRoles.map((r) => r.nameInput)).toEqual(['ReportsReader', 'S3AccessFromRawWriter']);
    const raw = Object.values(json.resource.aws_s3_bucket_policy).find((p) => String(p.bucket).includes('raw_bucket_'));
    expect(Object.keys(bySid(JSON.parse(String(raw?.policy))))).toContain('RawWriterReadWriteObjects');
  });
});

describe('grantees', () => {
  test('an IamRole the user built: resource policies name its arn, the policy attaches by its name', () => {
    const { stack, owner, consumer } = stackWithProviders();
    const role = new IamRole(stack, 'etl', {
      provider: consumer,
      name: 'EtlJob',
      assumeRolePolicy: JSON.stringify({ Version: '2012-10-17', Statement: [] }),
    });
    const bucket = new SharedBucket(stack, 'share', {
      provider: owner,
      accountId: '222222222222',
      region: 'eu-west-1',
      bucketName: 'etl-share-example',
    });
    const grant = bucket.grantWrite(Grantee.fromIamRole(role, '111111111111'), { prefixes: ['in/'] });
    expect(grant.name).toBe('EtlJob');
    expect(grant.createdRoles).toEqual([]);
    const json = synth(stack);
    const policy = Object.values(json.resource.aws_iam_role_policy)[0];
    expect(policy.role).toBe('${aws_iam_role.etl.name}');
    const bucketPolicy = JSON.parse(String(Object.values(json.resource.aws_s3_bucket_policy)[0].policy));
    expect(bySid(bucketPolicy).EtlJobWriteObjects.Principal).toEqual({ AWS: '${aws_iam_role.etl.arn}' });
  });

  test('an existing role by ARN: its path and name are kept, no role is created', () => {
    const { stack, owner, consumer } = stackWithProviders();
    const bucket = new SharedBucket(stack, 'share', {
      provider: owner,
      accountId: '222222222222',
      region: 'eu-west-1',
      bucketName: 'existing-share-example',
    });
    const grant = bucket.grantRead(
      Grantee.fromRoleArn(consumer, 'arn:aws:iam::111111111111:role/teams/analytics/Analyst'),
    );
    expect(grant.dataPlaneRoleArn).toBe('arn:aws:iam::111111111111:role/teams/analytics/Analyst');
    const json = synth(stack);
    expect(json.resource.aws_iam_role).toBeUndefined();
    expect(Object.values(json.resource.aws_iam_role_policy).map((p) => p.role)).toEqual(['Analyst']);
  });

  test('a malformed role ARN is refused with the value and the rule', () => {
    const { consumer } = stackWithProviders();
    expect(() => Grantee.fromRoleArn(consumer, 'arn:aws:iam::1111:role/x')).toThrow(
      /roleArn: "arn:aws:iam::1111:role\/x" must be a role ARN/,
    );
  });
});

describe('hand-offs without writing anything', () => {
  test('an existing key: its statements come back from handoffsOf, nothing is written', () => {
    const { app, stack, owner, consumer } = stackWithProviders();
    const bucket = new SharedBucket(stack, 'share', {
      provider: owner,
      accountId: '222222222222',
      region: 'eu-west-1',
      bucketName: 'keyed-share-example',
      existingKmsKeyArn: 'arn:aws:kms:eu-west-1:222222222222:key/1234abcd-12ab-34cd-56ef-1234567890ab',
    });
    bucket.grantRead(Grantee.newRole({ provider: consumer, accountId: '111111111111', roleName: 'Reader' }));
    const handoffs = handoffsOf(app);
    expect(handoffs.map((h) => h.file)).toEqual(['key-policy-statements-to-add.json']);
    expect(handoffs[0].document.Statement.map((s) => s.Sid)).toEqual(['ReaderUseBucketKey']);
  });
});
