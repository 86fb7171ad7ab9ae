/**
 * Existing estates through the real terraform: split stacks (each validated and planned on its
 * own, as each account's pipeline would), a grant on an existing bucket with a current policy,
 * and the import blocks that adopt a bucket and a key. An import needs AWS to read the resource,
 * so those stop at `terraform validate`: it checks that each import block names a resource of the
 * configuration with the right provider, but not that the remote object exists.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseConfig } from '../../modules/config/schema';
import { multiConsumerEntry } from '../fixtures';
import { defaultConfig, modelOf } from '../helpers';
import {
  PlanJson,
  PlannedActions,
  describeWithTerraform,
  initAndPlan,
  initAndPlanActions,
  initAndValidate,
  report,
  synthOffline,
} from './terraform';

const POLICIES = join(__dirname, '..', 'policies');
const KEY_ARN = 'arn:aws:kms:us-east-1:222222222222:key/1234abcd-12ab-34cd-56ef-1234567890ab';
const BACKEND = { s3: { bucket: 'org-tfstate', region: 'eu-central-1' } };

describeWithTerraform('split stacks, one per account', () => {
  test.each(['direct', 'assume-role'] as const)(
    '%s: every stack validates and plans with only its own provider',
    (approach) => {
      const model = modelOf({ ...multiConsumerEntry(approach), split: true, backend: BACKEND });
      const dirs = synthOffline([model], `split-${approach}`);
      const name = `multi-${approach}`;
      expect(Object.keys(dirs)).toEqual([`${name}-owner`, `${name}-111111111111`, `${name}-333333333333`]);
      const accountOf: Record<string, string> = {
        [`${name}-owner`]: '222222222222',
        [`${name}-111111111111`]: '111111111111',
        [`${name}-333333333333`]: '333333333333',
      };
      const plans: Record<string, PlanJson> = {};
      for (const [stack, dir] of Object.entries(dirs)) {
        const plan = initAndPlan(dir);
        expect(plan.validation.error_count).toBe(0);
        plans[stack] = plan;
        // Terraform also lists the unaliased default provider, which no resource uses.
        const aliased = Object.values(plan.configuration.provider_config).filter((p) => p.alias !== undefined);
        expect(aliased.map((p) => `${p.name}.${p.alias}`)).toEqual([`aws.account_${accountOf[stack]}`]);
        const keys = new Set(plan.configuration.root_module.resources.map((r) => r.provider_config_key));
        expect([...keys]).toEqual([`aws.account_${accountOf[stack]}`]);
        for (const r of plan.resource_changes) expect(r.change.actions).toEqual(['create']);
        const types = [...new Set(plan.resource_changes.map((r) => r.type))].sort();
        if (stack.endsWith('-owner')) {
          expect(types).toEqual(
            [
              ...(approach === 'direct' ? ['aws_kms_alias'] : ['aws_iam_role', 'aws_iam_role_policy']),
              'aws_kms_key',
              'aws_kms_key_policy',
              'aws_s3_bucket',
              'aws_s3_bucket_ownership_controls',
              'aws_s3_bucket_policy',
              'aws_s3_bucket_public_access_block',
              'aws_s3_bucket_server_side_encryption_configuration',
              'aws_s3_bucket_versioning',
            ].sort(),
          );
        } else {
          expect(types).toEqual(['aws_iam_role', 'aws_iam_role_policy']);
        }
        report(`${stack}: validated and planned, ${plan.resource_changes.length} resources`);
      }
      if (approach === 'direct') {
        // The consumer stack's plan holds the key by alias: nothing in it waits for the owner stack.
        const plan = plans[`${name}-333333333333`];
        const policy = plan.resource_changes.find((r) => r.address === 'aws_iam_role_policy.ingest_consumer_policy')!;
        const kms = JSON.parse(policy.change.after.policy as string).Statement.find(
          (s: { Sid: string }) => s.Sid === 'UseBucketKey',
        );
        expect(kms.Resource).toBe('arn:aws:kms:eu-central-1:222222222222:key/*');
        expect(kms.Condition['ForAnyValue:StringEquals']).toEqual({
          'kms:ResourceAliases': 'alias/cross-account-s3/analytics-share',
        });
      }
    },
    600_000,
  );
});

describeWithTerraform('an existing bucket and key', () => {
  test('grant on an existing bucket: the plan writes the merged policy, policy variables intact', () => {
    const config = defaultConfig();
    const entry = config.stacks[0];
    entry.name = 'existing-bucket';
    entry.owner.existingBucket = { currentPolicyFile: 'current-bucket-policy.json' };
    entry.owner.kmsKeyArn = KEY_ARN;
    const model = parseConfig({ stacks: [entry] }, 'test', { baseDir: POLICIES }).stacks[0];
    const dir = synthOffline([model], 'existing-bucket')['existing-bucket'];
    const plan = initAndPlan(dir);
    expect(plan.validation.error_count).toBe(0);
    expect(plan.resource_changes.map((r) => r.address).sort()).toEqual([
      'aws_iam_role.workload_a_consumer_role',
      'aws_iam_role_policy.workload_a_consumer_policy',
      'aws_s3_bucket_policy.shared_bucket',
    ]);
    const policy = plan.resource_changes.find((r) => r.address === 'aws_s3_bucket_policy.shared_bucket')!;
    const doc = JSON.parse(policy.change.after.policy as string);
    // Terraform turned the escaped $${aws:username} back into the policy variable AWS expects.
    expect(doc.Statement[1].Condition).toEqual({ StringLike: { 's3:prefix': 'home/${aws:username}/*' } });
    expect(doc.Statement[0].Sid).toBe('AnalyticsReadsItsPrefix');
    // 2 current statements, 7 owner denies (HTTP, encryption, other key, aws:kms without the key,
    // a bare key ID from another account, SSE-C, other ACLs), 2 grant statements.
    expect(doc.Statement.length).toBe(11);
    report('existing-bucket: validated and planned, the current policy merged');
  }, 600_000);

  test('adopting a bucket and a key: the import blocks validate (planning an import needs AWS)', () => {
    const config = defaultConfig();
    const entry = config.stacks[1];
    entry.name = 'adopt';
    entry.owner.existingBucket = { adopt: true, currentPolicyFile: 'current-bucket-policy.json' };
    entry.owner.kmsKeyArn = KEY_ARN;
    entry.owner.adoptKey = { currentPolicyFile: 'current-key-policy.json' };
    // Issue 14's options and owner hygiene ride along: the provider schema checks their arguments.
    entry.owner.lifecycle = {
      noncurrentVersionExpirationDays: 90,
      abortIncompleteMultipartUploadDays: 7,
      currentRulesFile: 'current-lifecycle.json',
    };
    entry.owner.permissionsBoundary = 'arn:aws:iam::222222222222:policy/Boundary';
    Object.assign(entry.consumers[0], {
      versions: true,
      tagging: true,
      analytics: true,
      delete: true,
      permissionsBoundary: 'arn:aws:iam::111111111111:policy/Boundary',
      additionalRoles: [{ roleName: 'BatchRole' }],
    });
    entry.organizations = [{ name: 'org-readers', organizationId: 'o-a1b2c3d4e5', prefixes: ['public/'] }];
    const model = parseConfig({ stacks: [entry] }, 'test', { baseDir: POLICIES }).stacks[0];
    const dir = synthOffline([model], 'adopt').adopt;
    const result = initAndValidate(dir);
    expect(result.error_count).toBe(0);
    expect(result.diagnostics).toEqual([]);
    expect(readFileSync(join(dir, 'cdk.tf.json'), 'utf8')).toContain('"aws_s3_bucket_lifecycle_configuration"');
    report('adopt: 4 import blocks, the carried-over lifecycle rules and the options validated (a plan needs AWS)');
  }, 600_000);
});

/**
 * A state as if the plan of `dir` had been applied: every planned resource with its planned values,
 * the unknown ones (IDs, ARNs) filled in by `fill`. Planning against it with `-refresh=false`
 * shows what a config change would do to deployed resources, without AWS.
 */
function stateAfter(plan: PlanJson, fill: (type: string) => Record<string, unknown>): object {
  const byAddress = new Map(plan.configuration.root_module.resources.map((r) => [r.address, r.provider_config_key]));
  return {
    version: 4,
    terraform_version: '1.11.0',
    serial: 1,
    lineage: '00000000-0000-4000-8000-000000000000',
    outputs: {},
    resources: plan.planned_values.root_module.resources.map((r) => ({
      mode: 'managed',
      type: r.type,
      name: r.name,
      provider: `provider["registry.terraform.io/hashicorp/aws"].${byAddress.get(r.address)!.replace(/^aws\./, '')}`,
      instances: [{ schema_version: 0, attributes: { id: `${r.name}-id`, ...r.values, ...fill(r.type) } }],
    })),
  };
}

describeWithTerraform('a change of config never destroys the bucket or the key', () => {
  test.each([
    ['an existing bucket and key', true, false],
    ['SSE-S3 instead of the key', false, false],
    ['an existing bucket and key, HCL output', true, true],
  ] as const)(
    'deployed with a new bucket and key, then switched to %s: forgotten, not destroyed',
    (_label, existing, hcl) => {
      const config = defaultConfig();
      const before = config.stacks[0];
      // One name for the three "before" stacks: the same stack, planned once (terraform.ts).
      before.name = 'forget-before';
      const after = JSON.parse(JSON.stringify(before));
      after.name = `${existing ? 'forget-both' : 'forget-key'}${hcl ? '-hcl' : ''}`;
      if (existing) {
        after.owner.existingBucket = { currentPolicyFile: null };
        after.owner.kmsKeyArn = KEY_ARN;
      } else {
        after.owner.encryption = 's3';
      }
      const name = after.name as string;
      const first = synthOffline([parseConfig({ stacks: [before] }, 'test').stacks[0]], `${name}-before`)[before.name];
      const state = stateAfter(initAndPlan(first), (type) =>
        type === 'aws_kms_key'
          ? { id: KEY_ARN.split('/')[1], key_id: KEY_ARN.split('/')[1], arn: KEY_ARN }
          : type.startsWith('aws_s3_bucket')
            ? { bucket: 'my-shared-bucket', ...(type === 'aws_s3_bucket' ? { id: 'my-shared-bucket' } : {}) }
            : {},
      );
      const dir = synthOffline([parseConfig({ stacks: [after] }, 'test').stacks[0]], `${name}-after`, { hcl })[name];
      writeFileSync(join(dir, 'terraform.tfstate'), JSON.stringify(state));
      const actions = (planned: PlannedActions) =>
        Object.fromEntries(
          Object.entries(planned)
            .filter(([, r]) => /^aws_(kms_key|s3_bucket)/.test(r.type) && r.type !== 'aws_s3_bucket_policy')
            .map(([address, r]) => [address, r.actions.join('+')]),
        );
      const forgotten = existing
        ? [
            'aws_kms_key.bucket_key',
            'aws_kms_key_policy.bucket_key',
            'aws_s3_bucket.shared_bucket',
            'aws_s3_bucket_ownership_controls.shared_bucket',
            'aws_s3_bucket_public_access_block.shared_bucket',
            'aws_s3_bucket_server_side_encryption_configuration.shared_bucket',
            'aws_s3_bucket_versioning.shared_bucket',
          ]
        : ['aws_kms_key.bucket_key', 'aws_kms_key_policy.bucket_key'];
      const planned = actions(initAndPlanActions(dir, ['-refresh=false']));
      expect(Object.fromEntries(forgotten.map((a) => [a, planned[a]]))).toEqual(
        Object.fromEntries(forgotten.map((a) => [a, 'forget'])),
      );
      // Nothing destroyed: no delete, and no replace (a delete and a create).
      expect(Object.values(planned).filter((a) => /\b(delete|replace)\b/.test(a))).toEqual([]);
      if (hcl) {
        expect(readFileSync(join(dir, 'cdk.tf'), 'utf8')).toContain(
          'removed {\n  from = aws_kms_key.bucket_key\n  lifecycle {\n    destroy = false\n  }\n}',
        );
        report(`${name}: ${forgotten.length} resources forgotten, none destroyed`);
        return;
      }
      // The control: without the removed blocks the same change destroys them.
      const file = join(dir, 'cdk.tf.json');
      const json = JSON.parse(readFileSync(file, 'utf8'));
      delete json.removed;
      writeFileSync(file, JSON.stringify(json));
      const unprotected = actions(initAndPlanActions(dir, ['-refresh=false']));
      expect(unprotected['aws_kms_key.bucket_key']).toBe('delete');
      report(`${name}: ${forgotten.length} resources forgotten, none destroyed (without removed blocks: destroyed)`);
    },
    600_000,
  );
});
