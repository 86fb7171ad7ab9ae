/** Policy size limits are checked at synth time, with real-length ARNs, and reported with the numbers. */
import { Testing } from 'cdktf';
import { CrossAccountS3Stack } from '../../modules/stacks/cross-account-stack';
import { BUCKET_POLICY_LIMIT, policySize } from '../../modules/policy/limits';
import { OWNER_DENY_SIDS, modelOf, synthStack } from '../helpers';

/** A direct-approach entry with n read-write consumers, each on its own prefix, in its own account. */
function entry(n: number, extra: Record<string, unknown> = {}) {
  return {
    name: 'limits',
    approach: 'direct',
    region: 'eu-central-1',
    owner: { accountId: '222222222222', bucketName: 'analytics-shared-data-prod', provider: { profile: 'owner' } },
    consumers: Array.from({ length: n }, (_, i) => ({
      name: `team-${i}`,
      accountId: String(100000000000 + i * 7919),
      roleName: `DataPipelineRole${i}`,
      access: 'read-write',
      prefixes: [`teams/team-${i}/`],
      provider: { assumeRoleArn: `arn:aws:iam::${100000000000 + i * 7919}:role/Deploy` },
    })),
    ...extra,
  };
}

function synthError(raw: Record<string, unknown>): string {
  const model = modelOf(raw);
  const stack = new CrossAccountS3Stack(Testing.app(), model.name, { model });
  try {
    Testing.synth(stack, true);
  } catch (e) {
    return (e as Error).message;
  }
  return '';
}

describe('bucket policy size', () => {
  test('32 consumers with a prefix each fit; the 33rd fails with the policy, its size and the limit', () => {
    expect(synthError(entry(32))).toBe('');
    const json = synthStack(modelOf(entry(32)));
    const text = json.resource.aws_s3_bucket_policy.shared_bucket.policy as string;
    // Measured with the key ARN at its real length (78 characters), not the 29-character reference,
    // and the key ID at its real length (36 characters), not the 32-character reference.
    const id = `${'0'.repeat(8)}-0000-0000-0000-${'0'.repeat(12)}`;
    const real = text
      .split('${aws_kms_key.bucket_key.arn}')
      .join(`arn:aws:kms:eu-central-1:222222222222:key/${id}`)
      .split('${aws_kms_key.bucket_key.key_id}')
      .join(id);
    expect(policySize(real, BUCKET_POLICY_LIMIT)).toBeLessThanOrEqual(20_480);
    // The ARN is named twice (DenyUploadsWithOtherKmsKeys, DenyKmsUploadsWithoutBucketKey), the ID three
    // times (those two and DenyBareKeyIdFromOtherAccounts).
    expect(policySize(real, BUCKET_POLICY_LIMIT) - policySize(text, BUCKET_POLICY_LIMIT)).toBe(2 * 49 + 3 * 4);

    expect(synthError(entry(33))).toMatch(
      /\[limits\/shared-bucket\] s3:\/\/analytics-shared-data-prod: the bucket policy is 20,576 bytes, over the limit of 20,480 bytes by 96 \(https:\/\/docs\.aws\.amazon\.com\/AmazonS3\/latest\/userguide\/bucket-policies\.html\)\. Consumers that share an access level and prefixes are merged into one statement/,
    );
  });

  test('consumers on the same prefix merge into one statement and fit by the hundred: 170 fit, the 171st fails', () => {
    const raw = entry(170);
    for (const c of raw.consumers) c.prefixes = ['shared/'];
    expect(synthError(raw)).toBe('');
    const over = entry(171);
    for (const c of over.consumers) c.prefixes = ['shared/'];
    expect(synthError(over)).toMatch(
      /\[limits\/shared-bucket\] s3:\/\/analytics-shared-data-prod: the bucket policy is 20,558 bytes, over the limit of 20,480 bytes by 78 /,
    );
    const doc = JSON.parse(synthStack(modelOf(raw)).resource.aws_s3_bucket_policy.shared_bucket.policy as string);
    expect(doc.Statement.map((s: { Sid: string }) => s.Sid)).toEqual([
      ...OWNER_DENY_SIDS,
      'Team0ReadWriteObjectsAnd169More',
      'Team0ListBucketAnd169More',
    ]);
    expect(doc.Statement[7].Principal.AWS).toHaveLength(170);
  });
});

describe('trust policy and inline policy sizes', () => {
  const principals = Array.from({ length: 45 }, (_, i) => `arn:aws:iam::111111111111:role/ci/deployers/Deployer${i}`);
  const one = (extra: Record<string, unknown>, stackExtra: Record<string, unknown> = {}) => {
    const raw = entry(1, stackExtra);
    Object.assign(raw.consumers[0], { accountId: '111111111111', provider: { profile: 'a' } }, extra);
    return raw;
  };

  test('a trust policy over 2,048 characters fails; the same passes with a raised quota', () => {
    expect(synthError(one({ trustedPrincipals: principals }))).toMatch(
      /role arn:aws:iam::111111111111:role\/DataPipelineRole0: the trust policy is 2,687 characters, over the limit of 2,048 characters by 639 /,
    );
    expect(synthError(one({ trustedPrincipals: principals }, { trustPolicyQuota: 4096 }))).toBe('');
  });

  test("a role's inline policies over 10,240 characters fail", () => {
    const prefixes = Array.from({ length: 120 }, (_, i) => `datasets/partition-${i}/`);
    expect(synthError(one({ prefixes }))).toMatch(
      /role arn:aws:iam::111111111111:role\/DataPipelineRole0: the total of the role's inline policies is 19,832 characters, over the limit of 10,240 characters by 9,592 /,
    );
    expect(synthError(one({ prefixes: prefixes.slice(0, 40) }))).toBe('');
  });
});
