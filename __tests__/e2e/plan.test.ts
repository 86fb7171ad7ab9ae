/**
 * End to end with the real terraform and AWS provider: every synthesized stack passes
 * `terraform validate`, and an offline `terraform plan` creates exactly the expected resources,
 * each in the expected account, with the literal policies the synthesis wrote.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { multiConsumerEntry } from '../fixtures';
import { defaultConfig, defaultModel, modelOf } from '../helpers';
import { CheckedPlan, PlanJson, describeWithTerraform, initAndPlan, report, synthOffline } from './terraform';

const A = 'aws.account_111111111111';
const B = 'aws.account_222222222222';
const C = 'aws.account_333333333333';

const OWNER_SIDE_KMS: Record<string, string> = {
  'aws_kms_key.bucket_key': B,
  'aws_kms_key_policy.bucket_key': B,
  'aws_s3_bucket.shared_bucket': B,
  'aws_s3_bucket_ownership_controls.shared_bucket': B,
  'aws_s3_bucket_policy.shared_bucket': B,
  'aws_s3_bucket_public_access_block.shared_bucket': B,
  'aws_s3_bucket_server_side_encryption_configuration.shared_bucket': B,
  'aws_s3_bucket_versioning.shared_bucket': B,
};
const OWNER_SIDE_SSE_S3 = Object.fromEntries(Object.entries(OWNER_SIDE_KMS).filter(([a]) => !a.startsWith('aws_kms')));

/** address → provider_config_key of every resource the plan creates. */
const EXPECTED: Record<string, Record<string, string>> = {
  'direct-access': {
    ...OWNER_SIDE_KMS,
    'aws_iam_role.workload_a_consumer_role': A,
    'aws_iam_role_policy.workload_a_consumer_policy': A,
  },
  'assume-role-access': {
    ...OWNER_SIDE_KMS,
    'aws_iam_role.workload_a_consumer_role': A,
    'aws_iam_role_policy.workload_a_consumer_policy': A,
    'aws_iam_role.workload_a_owner_role': B,
    'aws_iam_role_policy.workload_a_owner_policy': B,
  },
  'multi-direct': {
    ...OWNER_SIDE_SSE_S3,
    'aws_iam_role.reports_reader_consumer_role': A,
    'aws_iam_role_policy.reports_reader_consumer_policy': A,
    'aws_iam_role.ingest_consumer_role': C,
    'aws_iam_role_policy.ingest_consumer_policy': C,
    'aws_iam_role_policy.analyst_consumer_policy': A,
  },
  'multi-assume-role': {
    ...OWNER_SIDE_SSE_S3,
    'aws_iam_role.reports_reader_consumer_role': A,
    'aws_iam_role_policy.reports_reader_consumer_policy': A,
    'aws_iam_role.reports_reader_owner_role': B,
    'aws_iam_role_policy.reports_reader_owner_policy': B,
    'aws_iam_role.ingest_consumer_role': C,
    'aws_iam_role_policy.ingest_consumer_policy': C,
    'aws_iam_role.ingest_owner_role': B,
    'aws_iam_role_policy.ingest_owner_policy': B,
    'aws_iam_role_policy.analyst_consumer_policy': A,
    'aws_iam_role.analyst_owner_role': B,
    'aws_iam_role_policy.analyst_owner_policy': B,
  },
};

function synthesized(dir: string): { resource: Record<string, Record<string, Record<string, unknown>>> } {
  return JSON.parse(readFileSync(join(dir, 'cdk.tf.json'), 'utf8'));
}

function after(plan: PlanJson, address: string): Record<string, unknown> {
  const change = plan.resource_changes.find((r) => r.address === address);
  if (!change) throw new Error(`${address} is not in the plan`);
  return change.change.after;
}

describeWithTerraform('terraform validate and plan (offline)', () => {
  const models = [
    defaultModel('direct-access'),
    defaultModel('assume-role-access'),
    modelOf(multiConsumerEntry('direct', 's3')),
    modelOf(multiConsumerEntry('assume-role', 's3')),
  ];
  const dirs = synthOffline(models, 'plan');

  describe.each(models.map((m) => m.name))('%s', (name) => {
    const dir = dirs[name];
    let plan: PlanJson;

    beforeAll(() => {
      plan = initAndPlan(dir);
      expect((plan as CheckedPlan).validation.error_count).toBe(0);
      report(`${name}: validated and planned, ${plan.resource_changes.length} resources to create`);
    });

    test('creates exactly the expected resources, each with its account provider', () => {
      const created = Object.fromEntries(
        plan.resource_changes.map((r) => {
          expect([r.address, r.change.actions]).toEqual([r.address, ['create']]);
          expect(r.address).toBe(`${r.type}.${r.name}`);
          return [r.address, r.provider_name];
        }),
      );
      expect(Object.keys(created).sort()).toEqual(Object.keys(EXPECTED[name]).sort());
      const keys = Object.fromEntries(
        plan.configuration.root_module.resources.map((r) => [r.address, r.provider_config_key]),
      );
      expect(keys).toEqual(EXPECTED[name]);
      for (const providerName of Object.values(created))
        expect(providerName).toBe('registry.terraform.io/hashicorp/aws');
    });

    test('the provider configurations are the offline ones, one per account', () => {
      const configs = Object.values(plan.configuration.provider_config);
      const aliased = configs.filter((p) => p.alias !== undefined);
      expect(aliased.map((p) => `${p.name}.${p.alias}`).sort()).toEqual(
        [...new Set(Object.values(EXPECTED[name]))].sort(),
      );
      // Terraform lists the unaliased default provider too; no resource uses it and it has no settings.
      expect(configs.filter((p) => p.alias === undefined).map((p) => p.expressions)).toEqual(
        configs.length > aliased.length ? [undefined] : [],
      );
      for (const p of aliased) {
        expect(p.expressions?.skip_credentials_validation).toEqual({ constant_value: true });
        expect(p.expressions?.allowed_account_ids).toBeUndefined();
        expect(p.expressions?.assume_role).toBeUndefined();
      }
    });

    test('trust policies are planned literally, as synthesized', () => {
      const json = synthesized(dir);
      const roles = Object.keys(json.resource.aws_iam_role ?? {});
      expect(roles.length).toBeGreaterThan(0);
      for (const role of roles) {
        const planned = after(plan, `aws_iam_role.${role}`).assume_role_policy as string;
        const written = json.resource.aws_iam_role[role].assume_role_policy as string;
        expect(JSON.parse(planned)).toEqual(JSON.parse(written));
        expect(JSON.parse(planned).Statement[0].Action).toBe('sts:AssumeRole');
      }
    });

    if (name === 'direct-access' || name === 'assume-role-access') {
      test('key policy planned literally; policies with the new key ARN are known only after apply', () => {
        const json = synthesized(dir);
        const keyPolicy = JSON.parse(after(plan, 'aws_kms_key_policy.bucket_key').policy as string);
        expect(keyPolicy).toEqual(JSON.parse(json.resource.aws_kms_key_policy.bucket_key.policy as string));
        expect(keyPolicy.Statement[0]).toEqual({
          Sid: 'EnableOwnerAccountIamPolicies',
          Effect: 'Allow',
          Principal: { AWS: 'arn:aws:iam::222222222222:root' },
          Action: 'kms:*',
          Resource: '*',
        });
        const bucketPolicy = plan.resource_changes.find((r) => r.address === 'aws_s3_bucket_policy.shared_bucket')!;
        expect(bucketPolicy.change.after_unknown.policy).toBe(true);
        expect(json.resource.aws_s3_bucket_policy.shared_bucket.policy).toContain('${aws_kms_key.bucket_key.arn}');
      });
    } else {
      test('SSE-S3: the bucket policy and every identity policy are planned literally', () => {
        const json = synthesized(dir);
        const bucketPolicy = JSON.parse(after(plan, 'aws_s3_bucket_policy.shared_bucket').policy as string);
        expect(bucketPolicy).toEqual(JSON.parse(json.resource.aws_s3_bucket_policy.shared_bucket.policy as string));
        expect(bucketPolicy.Statement.map((s: { Sid: string }) => s.Sid)).toEqual([
          'DenyInsecureTransport',
          'DenyUploadsWithOtherEncryption',
          'DenyCustomerProvidedKeys',
          'DenyAclsOtherThanBucketOwnerFullControl',
          'ReportsReaderReadObjects',
          'ReportsReaderListBucket',
          'IngestWriteObjects',
          'AnalystReadWriteObjects',
          'AnalystListBucket',
        ]);
        for (const [policyName, policy] of Object.entries(json.resource.aws_iam_role_policy)) {
          const planned = after(plan, `aws_iam_role_policy.${policyName}`).policy as string;
          expect(JSON.parse(planned)).toEqual(JSON.parse(policy.policy as string));
        }
        expect(after(plan, 'aws_s3_bucket_server_side_encryption_configuration.shared_bucket').rule).toEqual([
          {
            apply_server_side_encryption_by_default: [{ kms_master_key_id: '', sse_algorithm: 'AES256' }],
            bucket_key_enabled: null,
          },
        ]);
      });
    }
  });
});

describeWithTerraform(
  'terraform validate and plan (offline): chained sessions, EKS Pod Identity, the confined owner role',
  () => {
    const entry = defaultConfig().stacks[1];
    entry.name = 'chained-sessions';
    Object.assign(entry.consumers[0], {
      trustedPrincipals: [
        'pods.eks.amazonaws.com',
        'ecs-tasks.amazonaws.com',
        'arn:aws:iam::111111111111:role/ci/Runner',
      ],
      podIdentity: {
        clusterArn: 'arn:aws:eks:us-east-1:111111111111:cluster/analytics',
        namespace: 'etl',
        serviceAccount: 'loader',
      },
      sessionTagKeys: ['team'],
      sourceIdentity: true,
      permissionsBoundary: 'arn:aws:iam::111111111111:policy/Boundary',
      // Several roles per consumer (issue 14): the owner trust lists both, each gets the policy.
      additionalRoles: [{ roleName: 'etl.batch', rolePath: '/jobs/' }],
    });
    // Owner hygiene (issue 14) rides along: a plan checks the provider's view of it.
    entry.owner.lifecycle = { noncurrentVersionExpirationDays: 90, abortIncompleteMultipartUploadDays: 7 };
    entry.owner.accessLogs = { bucket: 'org-access-logs' };
    entry.owner.permissionsBoundary = 'arn:aws:iam::222222222222:policy/Boundary';
    entry.tags = { team: 'data-platform' };
    const model = modelOf(entry);
    const dir = synthOffline([model], 'chained')['chained-sessions'];

    test('validates, and plans every trust and role policy literally', () => {
      const plan = initAndPlan(dir);
      expect(plan.validation.error_count).toBe(0);
      const json = synthesized(dir);
      for (const [role, r] of Object.entries(json.resource.aws_iam_role)) {
        expect(JSON.parse(after(plan, `aws_iam_role.${role}`).assume_role_policy as string)).toEqual(
          JSON.parse(r.assume_role_policy as string),
        );
      }
      const consumerTrust = JSON.parse(
        after(plan, 'aws_iam_role.workload_a_consumer_role').assume_role_policy as string,
      );
      expect(consumerTrust.Statement.map((s: { Sid: string }) => s.Sid)).toEqual([
        'TrustAwsPrincipals',
        'TrustAwsPrincipalsSessionTags',
        'TrustAwsPrincipalsSourceIdentity',
        'TrustServicePrincipalsOfThisAccount',
        'TrustEksPodIdentity',
      ]);
      const ownerTrust = JSON.parse(after(plan, 'aws_iam_role.workload_a_owner_role').assume_role_policy as string);
      expect(ownerTrust.Statement.map((s: { Sid: string }) => s.Sid)).toEqual([
        'TrustConsumerRoleWithExternalId',
        'TrustConsumerRoleSessionTags',
        'TrustConsumerRoleSourceIdentity',
      ]);
      expect(ownerTrust.Statement[0].Principal).toEqual({
        AWS: ['arn:aws:iam::111111111111:role/RoleInAccountA', 'arn:aws:iam::111111111111:role/jobs/etl.batch'],
      });
      const additional = after(plan, 'aws_iam_role_policy.workload_a_consumer_policy_etl_batch');
      expect(additional.role).toBe('etl.batch');
      expect(additional.policy).toBe(after(plan, 'aws_iam_role_policy.workload_a_consumer_policy').policy);
      const consumerPolicy = JSON.parse(after(plan, 'aws_iam_role_policy.workload_a_consumer_policy').policy as string);
      expect(consumerPolicy.Statement.map((s: { Sid: string }) => s.Sid)).toEqual([
        'AssumeOwnerAccountRole',
        'OwnerAccountRoleSessionTags',
        'OwnerAccountRoleSourceIdentity',
      ]);
      // The owner policy holds the new key's ARN (known after apply); its confinement is in the JSON.
      const ownerPolicy = JSON.parse(json.resource.aws_iam_role_policy.workload_a_owner_policy.policy as string);
      expect(ownerPolicy.Statement.map((s: { Sid: string }) => s.Sid)).toEqual([
        'ReadWriteObjects',
        'ListBucket',
        'UseBucketKey',
        'DenyEverythingOutsideTheShares',
        'DenyOtherActionsOnTheShares',
        'DenyOtherActionsOnTheSharesGroup2',
        'DenyKeyUseOutsideS3',
        'DenyKeyUseForOtherObjects',
      ]);
      const rules = after(plan, 'aws_s3_bucket_lifecycle_configuration.shared_bucket').rule as Array<
        Record<string, unknown>
      >;
      expect(rules.map((r) => [r.id, r.noncurrent_version_expiration, r.abort_incomplete_multipart_upload])).toEqual([
        ['cross-account-s3-expire-noncurrent-versions', [{ newer_noncurrent_versions: null, noncurrent_days: 90 }], []],
        ['cross-account-s3-abort-incomplete-uploads', [], [{ days_after_initiation: 7 }]],
      ]);
      expect(after(plan, 'aws_iam_role.workload_a_consumer_role').permissions_boundary).toBe(
        'arn:aws:iam::111111111111:policy/Boundary',
      );
      expect(after(plan, 'aws_iam_role.workload_a_owner_role').permissions_boundary).toBe(
        'arn:aws:iam::222222222222:policy/Boundary',
      );
      expect(after(plan, 'aws_s3_bucket_logging.shared_bucket')).toMatchObject({
        target_bucket: 'org-access-logs',
        target_prefix: `${model.owner.bucketName}/`,
      });
      // The providers' default tags reach every resource that takes tags.
      expect(after(plan, 'aws_s3_bucket.shared_bucket').tags_all).toEqual({ team: 'data-platform' });
      expect(after(plan, 'aws_iam_role.workload_a_owner_role').tags_all).toEqual({ team: 'data-platform' });
      report(`chained-sessions: validated and planned, ${plan.resource_changes.length} resources to create`);
    }, 600_000);
  },
);
