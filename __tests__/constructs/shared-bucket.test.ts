/** The owner side alone, through Testing.synthScope: bucket settings, key settings, baseline policies. */
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { TerraformStack, Testing } from 'cdktf';
import { AdoptKey, SharedBucket, SharedBucketProps } from '../../modules/constructs/shared-bucket';
import type { CurrentStatement } from '../../modules/policy/current';
import { OWNER_DENY_SIDS, SynthJson, policyOf, resource } from '../helpers';

function synthBucket(props: Partial<SharedBucketProps> = {}, grant?: (b: SharedBucket) => void): SynthJson {
  return JSON.parse(
    Testing.synthScope((scope) => {
      const provider = new AwsProvider(scope, 'owner', { alias: 'owner', region: 'eu-west-1' });
      const bucket = new SharedBucket(scope, 'shared', {
        fixedLogicalIds: true,
        provider,
        accountId: '222222222222',
        region: 'eu-west-1',
        bucketName: 'team-data',
        ...props,
      });
      grant?.(bucket);
    }),
  ) as SynthJson;
}

describe('SharedBucket', () => {
  test('bucket: BucketOwnerEnforced, all four public-access blocks, versioning, prevent_destroy', () => {
    const json = synthBucket();
    expect(resource(json, 'aws_s3_bucket', 'shared_bucket')).toMatchObject({
      bucket: 'team-data',
      force_destroy: false,
      lifecycle: { prevent_destroy: true },
      provider: 'aws.owner',
    });
    expect(resource(json, 'aws_s3_bucket_ownership_controls', 'shared_bucket').rule).toEqual({
      object_ownership: 'BucketOwnerEnforced',
    });
    expect(resource(json, 'aws_s3_bucket_public_access_block', 'shared_bucket')).toMatchObject({
      block_public_acls: true,
      block_public_policy: true,
      ignore_public_acls: true,
      restrict_public_buckets: true,
    });
    expect(resource(json, 'aws_s3_bucket_versioning', 'shared_bucket').versioning_configuration).toEqual({
      status: 'Enabled',
    });
  });

  test('SSE-KMS by default: a new key with rotation, named by its full ARN, bucket key on', () => {
    const json = synthBucket();
    expect(resource(json, 'aws_kms_key', 'bucket_key')).toMatchObject({
      enable_key_rotation: true,
      deletion_window_in_days: 30,
      lifecycle: { prevent_destroy: true },
      provider: 'aws.owner',
    });
    expect(resource(json, 'aws_s3_bucket_server_side_encryption_configuration', 'shared_bucket').rule).toEqual([
      {
        apply_server_side_encryption_by_default: {
          sse_algorithm: 'aws:kms',
          kms_master_key_id: '${aws_kms_key.bucket_key.arn}',
        },
        bucket_key_enabled: true,
      },
    ]);
    // With no grant, the key policy is the owner's statement alone (the owner is never locked out).
    expect(policyOf(json, 'aws_kms_key_policy', 'bucket_key').Statement).toEqual([
      {
        Sid: 'EnableOwnerAccountIamPolicies',
        Effect: 'Allow',
        Principal: { AWS: 'arn:aws:iam::222222222222:root' },
        Action: 'kms:*',
        Resource: '*',
      },
    ]);
  });

  test('bucketKeyEnabled: false is passed through', () => {
    const json = synthBucket({ bucketKeyEnabled: false });
    const rule = resource(json, 'aws_s3_bucket_server_side_encryption_configuration', 'shared_bucket').rule as Array<
      Record<string, unknown>
    >;
    expect(rule[0].bucket_key_enabled).toBe(false);
  });

  test('SSE-S3: AES256, no key, no key deny; other encryption and SSE-C denied', () => {
    const json = synthBucket({ encryption: 's3' });
    expect(json.resource.aws_kms_key).toBeUndefined();
    expect(json.resource.aws_kms_key_policy).toBeUndefined();
    expect(resource(json, 'aws_s3_bucket_server_side_encryption_configuration', 'shared_bucket').rule).toEqual([
      { apply_server_side_encryption_by_default: { sse_algorithm: 'AES256' } },
    ]);
    const doc = policyOf(json, 'aws_s3_bucket_policy', 'shared_bucket');
    expect(doc.Statement.map((s) => s.Sid)).toEqual([
      'DenyInsecureTransport',
      'DenyUploadsWithOtherEncryption',
      'DenyCustomerProvidedKeys',
      'DenyAclsOtherThanBucketOwnerFullControl',
    ]);
    expect(doc.Statement[1].Condition).toEqual({
      StringNotEquals: { 's3:x-amz-server-side-encryption': 'AES256' },
      Null: { 's3:x-amz-server-side-encryption': 'false' },
    });
  });

  test('an existing key: used by ARN, never given a key policy, statements kept for its owner', () => {
    const keyArn = 'arn:aws:kms:eu-west-1:222222222222:key/1234abcd-12ab-34cd-56ef-1234567890ab';
    let shared: SharedBucket | undefined;
    const json = synthBucket({ existingKmsKeyArn: keyArn }, (b) => {
      shared = b;
      b.grant('arn:aws:iam::111111111111:role/Reader', { sidPrefix: 'Reader', access: 'read' });
    });
    expect(json.resource.aws_kms_key).toBeUndefined();
    expect(json.resource.aws_kms_key_policy).toBeUndefined();
    const rule = resource(json, 'aws_s3_bucket_server_side_encryption_configuration', 'shared_bucket').rule as Array<
      Record<string, Record<string, unknown>>
    >;
    expect(rule[0].apply_server_side_encryption_by_default.kms_master_key_id).toBe(keyArn);
    expect(shared?.managesKeyPolicy).toBe(false);
    expect(shared?.keyPolicyStatements()).toEqual([
      {
        Sid: 'ReaderUseBucketKey',
        Effect: 'Allow',
        Principal: { AWS: 'arn:aws:iam::111111111111:role/Reader' },
        Action: 'kms:Decrypt',
        Resource: '*',
        Condition: {
          StringEquals: { 'kms:ViaService': 's3.eu-west-1.amazonaws.com' },
          StringLike: { 'kms:EncryptionContext:aws:s3:arn': ['arn:aws:s3:::team-data', 'arn:aws:s3:::team-data/*'] },
        },
      },
    ]);
    const deny = policyOf(json, 'aws_s3_bucket_policy', 'shared_bucket').Statement[2];
    expect(deny.Condition).toEqual({
      StringNotEquals: {
        's3:x-amz-server-side-encryption-aws-kms-key-id': [keyArn, '1234abcd-12ab-34cd-56ef-1234567890ab'],
      },
      Null: { 's3:x-amz-server-side-encryption-aws-kms-key-id': 'false' },
    });
  });

  test('versioning: false creates no versioning resource', () => {
    expect(synthBucket({ versioning: false }).resource.aws_s3_bucket_versioning).toBeUndefined();
  });

  test('grants added after construction land in the one bucket policy (rendered at synth)', () => {
    const json = synthBucket({}, (b) => {
      b.grant('arn:aws:iam::111111111111:role/One', { sidPrefix: 'One', access: 'write' });
      b.grant('arn:aws:iam::333333333333:role/Two', { sidPrefix: 'Two', access: 'read', prefixes: ['logs/'] });
    });
    expect(policyOf(json, 'aws_s3_bucket_policy', 'shared_bucket').Statement.map((s) => s.Sid)).toEqual([
      ...OWNER_DENY_SIDS,
      'OneWriteObjects',
      'TwoReadObjects',
      'TwoListBucket',
    ]);
    expect(policyOf(json, 'aws_kms_key_policy', 'bucket_key').Statement.map((s) => s.Sid)).toEqual([
      'EnableOwnerAccountIamPolicies',
      'OneUseBucketKey',
      'TwoUseBucketKey',
    ]);
  });

  test('China region: aws-cn partition in every ARN', () => {
    const json = JSON.parse(
      Testing.synthScope((scope) => {
        const provider = new AwsProvider(scope, 'owner', { alias: 'owner', region: 'cn-north-1' });
        new SharedBucket(scope, 'shared', {
          fixedLogicalIds: true,
          provider,
          accountId: '222222222222',
          region: 'cn-north-1',
          bucketName: 'cn-data',
        });
      }),
    ) as SynthJson;
    const doc = policyOf(json, 'aws_s3_bucket_policy', 'shared_bucket');
    expect(doc.Statement[0].Resource).toEqual(['arn:aws-cn:s3:::cn-data', 'arn:aws-cn:s3:::cn-data/*']);
    expect(policyOf(json, 'aws_kms_key_policy', 'bucket_key').Statement[0].Principal).toEqual({
      AWS: 'arn:aws-cn:iam::222222222222:root',
    });
  });
});

describe('an adopted key: the stack never widens who may use it, and never locks its deployer out', () => {
  const KEY = 'arn:aws:kms:eu-west-1:222222222222:key/1234abcd-12ab-34cd-56ef-1234567890ab';
  const DEPLOYER = 'arn:aws:iam::222222222222:role/KeyDeployer';
  const admins = (principal: string) => ({
    Sid: 'KeyAdministrators',
    Effect: 'Allow' as const,
    Principal: { AWS: principal },
    Action: 'kms:*',
    Resource: '*',
  });
  /** Synthesizes with validations (Testing.synth(stack, true)); returns the JSON or the error. */
  function adopt(adoptKey: Omit<AdoptKey, 'currentPolicy'>, statements: CurrentStatement[]): SynthJson | string {
    const app = Testing.app();
    const stack = new TerraformStack(app, 'adopted');
    const provider = new AwsProvider(stack, 'owner', { alias: 'owner', region: 'eu-west-1' });
    const bucket = new SharedBucket(stack, 'shared', {
      fixedLogicalIds: true,
      provider,
      accountId: '222222222222',
      region: 'eu-west-1',
      bucketName: 'team-data',
      existingKmsKeyArn: KEY,
      adoptKey: { currentPolicy: { source: 'key-policy.json', statements }, ...adoptKey },
    });
    bucket.grant('arn:aws:iam::111111111111:role/Reader', { sidPrefix: 'Reader', access: 'read' });
    try {
      return JSON.parse(Testing.synth(stack, true)) as SynthJson;
    } catch (e) {
      return (e as Error).message;
    }
  }
  const sids = (json: SynthJson | string) =>
    typeof json === 'string' ? json : policyOf(json, 'aws_kms_key_policy', 'bucket_key').Statement.map((s) => s.Sid);

  test('a policy that delegates to IAM: kept as it is, the grant added, no owner-root statement', () => {
    expect(sids(adopt({}, [admins('arn:aws:iam::222222222222:root') as CurrentStatement]))).toEqual([
      'KeyAdministrators',
      'ReaderUseBucketKey',
    ]);
  });

  test('a policy that does not delegate to IAM: synth fails unless it names the deployer, or the deployer is confirmed', () => {
    const current = [admins(DEPLOYER) as CurrentStatement];
    expect(adopt({}, current)).toMatch(
      /key-policy\.json: the current key policy allows kms:PutKeyPolicy \(on "\*", without conditions\) neither to the owner account's root arn:aws:iam::222222222222:root \(delegating to IAM\) nor to the deployer, which the stack cannot identify .*; the stack adds no owner-root statement to an adopted key \(it could widen who may use the key\): add a statement that allows it to one of them, or confirm with adoptKey\.deployerIsKeyAdministrator/,
    );
    expect(sids(adopt({ deployerRoleArn: DEPLOYER }, current))).toEqual(['KeyAdministrators', 'ReaderUseBucketKey']);
    expect(sids(adopt({ deployerIsKeyAdministrator: true }, current))).toEqual([
      'KeyAdministrators',
      'ReaderUseBucketKey',
    ]);
  });

  test('an owner-root statement an earlier version of the stack added is kept where it stands, not a conflict', () => {
    const root = {
      Sid: 'EnableOwnerAccountIamPolicies',
      Effect: 'Allow',
      Principal: { AWS: 'arn:aws:iam::222222222222:root' },
      Action: 'kms:*',
      Resource: '*',
    } as CurrentStatement;
    expect(sids(adopt({}, [root]))).toEqual(['EnableOwnerAccountIamPolicies', 'ReaderUseBucketKey']);
  });
});
