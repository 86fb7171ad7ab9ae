/**
 * Switching approach keeps the data: the same config entry planned with `direct` and with
 * `assume-role` gives the bucket, its key and their settings the same addresses and values,
 * for one consumer and for many; both carry prevent_destroy.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { multiConsumerEntry } from '../fixtures';
import { defaultConfig, modelOf } from '../helpers';
import { PlanJson, describeWithTerraform, initAndPlan, report, synthOffline } from './terraform';

/** Everything the owner side consists of, whatever the approach. */
const OWNER_SIDE = [
  'aws_kms_key.bucket_key',
  'aws_s3_bucket.shared_bucket',
  'aws_s3_bucket_ownership_controls.shared_bucket',
  'aws_s3_bucket_public_access_block.shared_bucket',
  'aws_s3_bucket_server_side_encryption_configuration.shared_bucket',
  'aws_s3_bucket_versioning.shared_bucket',
];

function manyConsumers(n: number) {
  const entry = multiConsumerEntry('direct');
  entry.name = 'switch-many';
  entry.consumers = Array.from({ length: n }, (_, i) => ({
    name: `team-${i + 1}`,
    accountId: String(100000000000 + i * 7),
    roleName: `Team${i + 1}Role`,
    access: (['read', 'write', 'read-write'] as const)[i % 3],
    prefixes: [`teams/${i + 1}/`],
    externalId: `team-${i + 1}-ext-4f2a9c7d31`,
    provider: { assumeRoleArn: `arn:aws:iam::${100000000000 + i * 7}:role/Deploy` },
  })) as unknown as typeof entry.consumers;
  return entry;
}

function plannedValues(plan: PlanJson, addresses: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(
    addresses.map((a) => {
      const change = plan.resource_changes.find((r) => r.address === a);
      if (!change) throw new Error(`${a} missing from the plan`);
      return [a, { after: change.change.after, unknown: change.change.after_unknown }];
    }),
  );
}

describeWithTerraform('approach switch keeps bucket and key', () => {
  const single = defaultConfig().stacks[0];
  const cases: Array<[string, Record<string, any>]> = [
    [
      'one consumer (default config entry)',
      {
        ...single,
        consumers: [{ ...single.consumers[0], externalId: 'workload-a-7f3e9c2b41d8', ownerRoleName: 'S3AccessFromA' }],
      },
    ],
    ['five consumers with prefixes', manyConsumers(5)],
  ];

  test.each(cases)('%s', (_label, entry) => {
    const plans: Record<string, PlanJson> = {};
    const consumerRoles: Record<string, unknown> = {};
    for (const approach of ['direct', 'assume-role'] as const) {
      const raw: Record<string, any> = { ...entry, approach };
      if (approach === 'direct') {
        // externalId and ownerRoleName belong to the assume-role approach only.
        raw.consumers = raw.consumers.map((c: Record<string, unknown>) => {
          const copy = { ...c };
          delete copy.externalId;
          delete copy.ownerRoleName;
          return copy;
        });
      }
      const model = modelOf(raw);
      const dir = synthOffline([model], `switch-${approach}`)[model.name];
      const json = JSON.parse(readFileSync(join(dir, 'cdk.tf.json'), 'utf8'));
      expect(json.resource.aws_s3_bucket.shared_bucket.lifecycle).toEqual({ prevent_destroy: true });
      expect(json.resource.aws_kms_key.bucket_key.lifecycle).toEqual({ prevent_destroy: true });
      consumerRoles[approach] = json.resource.aws_iam_role;
      plans[approach] = initAndPlan(dir);
      report(
        `${model.name} (${approach}, ${model.consumers.length} consumers): planned ${plans[approach].resource_changes.length} resources`,
      );
    }
    expect(plannedValues(plans['assume-role'], OWNER_SIDE)).toEqual(plannedValues(plans.direct, OWNER_SIDE));
    // The consumer's own role in A keeps its address and trust policy too.
    const direct = consumerRoles.direct as Record<string, { assume_role_policy: string }>;
    const assume = consumerRoles['assume-role'] as Record<string, { assume_role_policy: string }>;
    for (const [address, role] of Object.entries(direct)) {
      expect(assume[address]?.assume_role_policy).toBe(role.assume_role_policy);
    }
  });
});
