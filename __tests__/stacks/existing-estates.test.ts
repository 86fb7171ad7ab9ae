/**
 * Existing resources: a bucket the stack grants on without managing it (its current policy kept),
 * an adopted bucket and key (import blocks), an existing key (statements handed off), an existing
 * owner role (trust statement handed off), and the S3 backend.
 */
import { join } from 'node:path';
import { Testing } from 'cdktf';
import { StackModel, parseConfig } from '../../modules/config/schema';
import type { CurrentStatement } from '../../modules/policy/current';
import { CrossAccountS3Stack } from '../../modules/stacks/cross-account-stack';
import { verifyStackJson } from '../../modules/verify';
import {
  OWNER_DENY_SIDS,
  BUCKET_ADDRESSES,
  KEY_ADDRESSES,
  SynthJson,
  addresses,
  defaultConfig,
  policyOf,
  resource,
  synthStack,
} from '../helpers';

const POLICIES = join(__dirname, '..', 'policies');
const KEY_ARN = 'arn:aws:kms:us-east-1:222222222222:key/1234abcd-12ab-34cd-56ef-1234567890ab';

/** The default config's entry `index`, changed by `change`, validated with fixture files relative to __tests__/policies. */
function entry(index: 0 | 1, change: (e: Record<string, any>) => void): StackModel {
  const config = defaultConfig();
  const e = config.stacks[index];
  change(e);
  return parseConfig({ stacks: [e] }, 'test', { baseDir: POLICIES }).stacks[0];
}

const DENY_AND_GRANT_SIDS = [...OWNER_DENY_SIDS, 'WorkloadAReadWriteObjects', 'WorkloadAListBucket'];

describe('an existing bucket with a policy, not adopted', () => {
  const model = entry(0, (e) => {
    e.owner.existingBucket = { currentPolicyFile: 'current-bucket-policy.json' };
    e.owner.kmsKeyArn = KEY_ARN;
  });
  const json = synthStack(model);

  test('the stack writes only the bucket policy on the owner side, and the consumer role', () => {
    expect(addresses(json)).toEqual([
      'aws_iam_role.workload_a_consumer_role',
      'aws_iam_role_policy.workload_a_consumer_policy',
      'aws_s3_bucket_policy.shared_bucket',
    ]);
    const policy = resource(json, 'aws_s3_bucket_policy', 'shared_bucket');
    expect(policy.bucket).toBe('my-shared-bucket');
    expect(policy.depends_on).toEqual(['aws_iam_role.workload_a_consumer_role']);
    // cdktf destroy must not delete the statements others wrote: the policy is protected like a bucket.
    expect(policy.lifecycle).toEqual({ prevent_destroy: true });
    expect(json.import).toBeUndefined();
  });

  test('the bucket settings and a key an earlier deploy may have created are forgotten, never destroyed', () => {
    expect((json as unknown as { removed: unknown }).removed).toEqual(
      [
        'aws_s3_bucket.shared_bucket',
        'aws_s3_bucket_ownership_controls.shared_bucket',
        'aws_s3_bucket_public_access_block.shared_bucket',
        'aws_s3_bucket_versioning.shared_bucket',
        'aws_s3_bucket_server_side_encryption_configuration.shared_bucket',
        ...KEY_ADDRESSES,
        'aws_kms_alias.bucket_key',
      ].map((from) => ({ from, lifecycle: { destroy: false } })),
    );
  });

  test('the current statements come first and unchanged, then the stack adds its own', () => {
    const text = resource(json, 'aws_s3_bucket_policy', 'shared_bucket').policy as string;
    // Terraform reads ${…} as an expression: the policy variable is escaped, and AWS receives ${aws:username}.
    expect(text).toContain('"s3:prefix":"home/$${aws:username}/*"');
    const doc = JSON.parse(text.replace('$${', '${'));
    expect(doc.Statement.slice(0, 2)).toEqual([
      {
        Sid: 'AnalyticsReadsItsPrefix',
        Effect: 'Allow',
        Principal: { AWS: 'arn:aws:iam::444444444444:role/Analytics' },
        Action: 's3:GetObject',
        Resource: 'arn:aws:s3:::my-shared-bucket/analytics/*',
      },
      {
        Effect: 'Allow',
        Principal: { AWS: 'arn:aws:iam::222222222222:role/Uploader' },
        Action: 's3:ListBucket',
        Resource: 'arn:aws:s3:::my-shared-bucket',
        Condition: { StringLike: { 's3:prefix': 'home/${aws:username}/*' } },
      },
    ]);
    expect(doc.Statement.slice(2).map((s: { Sid: string }) => s.Sid)).toEqual(DENY_AND_GRANT_SIDS);
  });

  test('the existing key gets its statements as an output and a handoff file, and the identity side still names it', () => {
    const app = Testing.app();
    const stack = new CrossAccountS3Stack(app, model.name, { model });
    const synthesized = JSON.parse(Testing.synth(stack, true)) as SynthJson;
    const toAdd = JSON.parse(synthesized.output.key_policy_statements_to_add.value as string);
    expect(toAdd).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'WorkloadAUseBucketKey',
          Effect: 'Allow',
          Principal: { AWS: 'arn:aws:iam::111111111111:role/RoleInAccountA' },
          Action: ['kms:GenerateDataKey', 'kms:Decrypt'],
          Resource: '*',
          Condition: {
            StringEquals: { 'kms:ViaService': 's3.us-east-1.amazonaws.com' },
            StringLike: {
              'kms:EncryptionContext:aws:s3:arn': ['arn:aws:s3:::my-shared-bucket', 'arn:aws:s3:::my-shared-bucket/*'],
            },
          },
        },
      ],
    });
    expect(stack.handoffs.map((h) => [h.file, h.what])).toEqual([
      [
        'key-policy-statements-to-add.json',
        `The key ${KEY_ARN} is not managed by this stack: its owner must add these statements to its key policy, or the grants fail with AccessDenied on KMS`,
      ],
    ]);
    expect(stack.handoffs[0].document).toEqual(toAdd);
    const identity = policyOf(synthesized, 'aws_iam_role_policy', 'workload_a_consumer_policy');
    expect(identity.Statement.find((s) => s.Sid === 'UseBucketKey')?.Resource).toBe(KEY_ARN);
  });

  test('the access matrix passes with the current statements evaluated and only our statements reviewed', async () => {
    const results = await verifyStackJson(json, model);
    expect(results.filter((r) => !r.ok).map((r) => r.check.what)).toEqual([]);
    const review = results.find((r) => r.check.what.startsWith('bucket policy (the statements this stack adds)'));
    expect(review?.check.inventory?.found).toEqual(['arn:aws:iam::111111111111:role/RoleInAccountA']);
  });
});

describe('merging rules', () => {
  test('a current statement with one of our Sids and other content fails synthesis, naming file and Sid', () => {
    const model = entry(0, (e) => {
      e.owner.existingBucket = { currentPolicyFile: 'conflicting-bucket-policy.json' };
      e.owner.kmsKeyArn = KEY_ARN;
    });
    expect(() => synthStack(model)).toThrow(
      /stacks\[0\]\.owner\.existingBucket\.currentPolicyFile \(\/.*\/conflicting-bucket-policy\.json\): statement Sid "DenyInsecureTransport" is also a Sid of this stack's statements, with other content; if an earlier deploy wrote it, remove it from the file/,
    );
  });

  test('a policy refreshed from the live bucket after a consumer was removed: its grant is not carried over', () => {
    const withB = (e: Record<string, any>) => {
      e.owner.existingBucket = { currentPolicyFile: null };
      e.owner.kmsKeyArn = KEY_ARN;
      e.consumers.push({ ...e.consumers[0], name: 'workload-b', roleName: 'RoleB', access: 'read' });
    };
    const live = policyOf(synthStack(entry(0, withB)), 'aws_s3_bucket_policy', 'shared_bucket');
    expect(live.Statement.map((st) => st.Sid)).toContain('WorkloadBReadObjects');
    const withoutB = entry(0, (e) => {
      withB(e);
      e.consumers.pop();
    });
    const refreshed = { source: 'live.json', statements: live.Statement as CurrentStatement[] };
    expect(() => synthStack({ ...withoutB, currentBucketPolicy: refreshed })).toThrow(
      'live.json: statement Sid "WorkloadBReadObjects" has the form of the Sids this stack writes, but the stack does not write it now: if an earlier deploy wrote it (a consumer removed since), remove it from the file, or it would keep that grant',
    );
  });

  test("a policy refreshed after a deploy with a new key: the key's real ARN and ID match the stack's references", async () => {
    const model = entry(0, (e) => (e.owner.existingBucket = { adopt: true, currentPolicyFile: null }));
    const first = synthStack(model);
    const text = resource(first, 'aws_s3_bucket_policy', 'shared_bucket').policy as string;
    expect(text).toContain('${aws_kms_key.bucket_key.arn}');
    expect(text).toContain('${aws_kms_key.bucket_key.key_id}');
    const live = JSON.parse(
      text
        .split('${aws_kms_key.bucket_key.arn}')
        .join(KEY_ARN)
        .split('${aws_kms_key.bucket_key.key_id}')
        .join(KEY_ARN.split('key/')[1]),
    );
    const again = synthStack({ ...model, currentBucketPolicy: { source: 'live.json', statements: live.Statement } });
    expect(resource(again, 'aws_s3_bucket_policy', 'shared_bucket').policy).toBe(text);
  });

  test('a current statement identical to ours (an earlier deploy) is kept once', async () => {
    const first = synthStack(
      entry(0, (e) => {
        e.owner.existingBucket = { currentPolicyFile: null };
        e.owner.kmsKeyArn = KEY_ARN;
      }),
    );
    const deployed = policyOf(first, 'aws_s3_bucket_policy', 'shared_bucket');
    const model = entry(0, (e) => {
      e.owner.existingBucket = { currentPolicyFile: null };
      e.owner.kmsKeyArn = KEY_ARN;
    });
    const again = synthStack({
      ...model,
      currentBucketPolicy: { source: 'live.json', statements: deployed.Statement as CurrentStatement[] },
    });
    expect(policyOf(again, 'aws_s3_bucket_policy', 'shared_bucket')).toEqual(deployed);
    // verify reviews the stack's statements, which the refreshed file held too.
    const results = await verifyStackJson(again, {
      ...model,
      currentBucketPolicy: { source: 'live.json', statements: deployed.Statement as CurrentStatement[] },
    });
    expect(results.filter((r) => !r.ok).map((r) => r.check.what)).toEqual([]);
  });

  test('"currentPolicyFile": null states that the bucket has no policy: only our statements', () => {
    const json = synthStack(
      entry(0, (e) => {
        e.owner.existingBucket = { currentPolicyFile: null };
        e.owner.kmsKeyArn = KEY_ARN;
      }),
    );
    expect(resource(json, 'aws_s3_bucket_policy', 'shared_bucket').lifecycle).toBeUndefined();
    expect(policyOf(json, 'aws_s3_bucket_policy', 'shared_bucket').Statement.map((s) => s.Sid)).toEqual(
      DENY_AND_GRANT_SIDS,
    );
  });
});

describe('adopting an existing bucket and key with import blocks', () => {
  const model = entry(0, (e) => {
    e.owner.existingBucket = { adopt: true, currentPolicyFile: 'current-bucket-policy.json' };
    e.owner.kmsKeyArn = KEY_ARN;
    e.owner.adoptKey = { currentPolicyFile: 'current-key-policy.json' };
  });
  const json = synthStack(model);

  test('the stack manages them as if it had created them, and imports bucket, bucket policy, key and key policy', () => {
    expect(addresses(json)).toEqual([
      'aws_iam_role.workload_a_consumer_role',
      'aws_iam_role_policy.workload_a_consumer_policy',
      ...KEY_ADDRESSES,
      ...BUCKET_ADDRESSES,
    ]);
    expect(json.import).toEqual([
      { to: 'aws_s3_bucket.shared_bucket', id: 'my-shared-bucket', provider: 'aws.account_222222222222' },
      {
        to: 'aws_kms_key.bucket_key',
        id: '1234abcd-12ab-34cd-56ef-1234567890ab',
        provider: 'aws.account_222222222222',
      },
      {
        to: 'aws_kms_key_policy.bucket_key',
        id: '1234abcd-12ab-34cd-56ef-1234567890ab',
        provider: 'aws.account_222222222222',
      },
      { to: 'aws_s3_bucket_policy.shared_bucket', id: 'my-shared-bucket', provider: 'aws.account_222222222222' },
    ]);
    // Adopted resources keep the stack's protection against destruction.
    expect(resource(json, 'aws_s3_bucket', 'shared_bucket').lifecycle).toEqual({ prevent_destroy: true });
    expect(resource(json, 'aws_kms_key', 'bucket_key').lifecycle).toEqual({ prevent_destroy: true });
    expect(json.output.key_policy_statements_to_add).toBeUndefined();
  });

  test("the key policy keeps the key's current statements as they are (no owner statement added), then the grants'", () => {
    const doc = policyOf(json, 'aws_kms_key_policy', 'bucket_key');
    expect(doc.Statement.map((s) => s.Sid)).toEqual([
      'Enable IAM User Permissions',
      'BackupServiceUsesTheKey',
      'WorkloadAUseBucketKey',
    ]);
    expect(doc.Statement[1]).toEqual({
      Sid: 'BackupServiceUsesTheKey',
      Effect: 'Allow',
      Principal: { AWS: 'arn:aws:iam::222222222222:role/Backup' },
      Action: ['kms:Decrypt', 'kms:GenerateDataKey'],
      Resource: '*',
    });
  });

  test('without a current bucket policy only the bucket is imported for it (there is no policy to import)', () => {
    const noPolicy = synthStack(
      entry(0, (e) => {
        e.owner.existingBucket = { adopt: true, currentPolicyFile: null };
      }),
    );
    expect(noPolicy.import).toEqual([
      { to: 'aws_s3_bucket.shared_bucket', id: 'my-shared-bucket', provider: 'aws.account_222222222222' },
    ]);
  });
});

describe('an existing owner role (assume-role)', () => {
  const model = entry(1, (e) => (e.consumers[0].existingOwnerRole = true));

  test('the stack attaches the policy to it, never writes its trust policy, and hands the trust statement off', () => {
    const app = Testing.app();
    const stack = new CrossAccountS3Stack(app, model.name, { model });
    const json = JSON.parse(Testing.synth(stack, true)) as SynthJson;
    expect(addresses(json)).toEqual([
      'aws_iam_role.workload_a_consumer_role',
      'aws_iam_role_policy.workload_a_consumer_policy',
      'aws_iam_role_policy.workload_a_owner_policy',
      ...KEY_ADDRESSES,
      ...BUCKET_ADDRESSES,
    ]);
    expect(resource(json, 'aws_iam_role_policy', 'workload_a_owner_policy').role).toBe('S3AccessFromA');
    const trust = {
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'TrustConsumerRoleWithExternalId',
          Effect: 'Allow',
          Principal: { AWS: 'arn:aws:iam::111111111111:role/RoleInAccountA' },
          Action: 'sts:AssumeRole',
          Condition: { StringEquals: { 'sts:ExternalId': 'workload-a-7f3e9c2b41d8' } },
        },
      ],
    };
    expect(JSON.parse(json.output.workload_a_owner_role_trust_statements_to_add.value as string)).toEqual(trust);
    expect(stack.handoffs.map((h) => h.file)).toEqual(['workload-a-owner-role-trust-statements-to-add.json']);
    expect(stack.handoffs[0].document).toEqual(trust);
  });

  test('the role is not confined (it may hold other duties): its policy has no deny, and the config warns', () => {
    const sids = policyOf(synthStack(model), 'aws_iam_role_policy', 'workload_a_owner_policy').Statement.map(
      (s) => s.Sid,
    );
    expect(sids).toEqual(['ReadWriteObjects', 'ListBucket', 'UseBucketKey']);
    const config = defaultConfig();
    config.stacks[1].consumers[0].existingOwnerRole = true;
    expect(parseConfig(config, 't').warnings.map((w) => w.path)).toEqual(['stacks[1].consumers[0].existingOwnerRole']);
  });

  test('the access matrix passes with the handed-off trust statement in place', async () => {
    const results = await verifyStackJson(synthStack(model), model);
    expect(results.filter((r) => !r.ok).map((r) => r.check.what)).toEqual([]);
  });
});

test('removed blocks: none for a new bucket and key; versioning off and SSE-S3 forget what they no longer manage', () => {
  expect((synthStack(entry(0, () => undefined)) as unknown as { removed?: unknown }).removed).toBeUndefined();
  const off = synthStack(
    entry(0, (e) => {
      e.owner.versioning = false;
      e.owner.encryption = 's3';
    }),
  ) as unknown as { removed: unknown };
  expect(off.removed).toEqual(
    ['aws_s3_bucket_versioning.shared_bucket', ...KEY_ADDRESSES, 'aws_kms_alias.bucket_key'].map((from) => ({
      from,
      lifecycle: { destroy: false },
    })),
  );
});

test('HCL output carries the removed blocks too (cdktf renders only the terraform block of stack overrides)', () => {
  const previous = process.env.SYNTH_HCL_OUTPUT;
  process.env.SYNTH_HCL_OUTPUT = 'true';
  try {
    const app = Testing.app();
    const stack = new CrossAccountS3Stack(app, 'hcl', { model: entry(0, (e) => (e.owner.encryption = 's3')) });
    const hcl = stack.toHclTerraform().hcl;
    for (const from of [...KEY_ADDRESSES, 'aws_kms_alias.bucket_key']) {
      expect(hcl).toContain(`removed {\n  from = ${from}\n  lifecycle {\n    destroy = false\n  }\n}`);
    }
    expect(hcl.match(/^removed \{/gm)).toHaveLength(3);
  } finally {
    if (previous === undefined) delete process.env.SYNTH_HCL_OUTPUT;
    else process.env.SYNTH_HCL_OUTPUT = previous;
  }
});

describe('backend', () => {
  const withBackend = (s3: Record<string, unknown>) =>
    entry(0, (e) => (e.backend = { s3: { bucket: 'org-tfstate', region: 'eu-west-1', ...s3 } }));

  test('an S3 backend: one key per stack, encrypted, with the native lock file set by override', () => {
    expect(synthStack(withBackend({})).terraform.backend).toEqual({
      s3: {
        bucket: 'org-tfstate',
        key: 'cross-account-s3/direct-access.tfstate',
        region: 'eu-west-1',
        encrypt: true,
        use_lockfile: true,
      },
    });
  });

  test('a key prefix, a role for the state, and no lock file', () => {
    const model = withBackend({
      keyPrefix: 'platform/s3-share',
      roleArn: 'arn:aws:iam::999999999999:role/StateAccess',
      useLockfile: false,
    });
    expect(synthStack(model).terraform.backend).toEqual({
      s3: {
        bucket: 'org-tfstate',
        key: 'platform/s3-share/direct-access.tfstate',
        region: 'eu-west-1',
        encrypt: true,
        assume_role: { role_arn: 'arn:aws:iam::999999999999:role/StateAccess' },
      },
    });
  });

  test('offline (tests) the backend is a local state file, like the providers are offline', () => {
    expect(synthStack(withBackend({}), 'offline').terraform.backend).toEqual({
      local: { path: '../../../terraform.direct-access.tfstate' },
    });
  });

  test('an empty key prefix puts the state at the top of the bucket', () => {
    expect(synthStack(withBackend({ keyPrefix: '' })).terraform.backend.s3.key).toBe('direct-access.tfstate');
  });

  test('without a backend the state stays local', () => {
    expect(synthStack(entry(0, () => undefined)).terraform.backend).toEqual({
      local: { path: '../../../terraform.direct-access.tfstate' },
    });
  });
});
