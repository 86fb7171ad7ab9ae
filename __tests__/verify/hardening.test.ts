/**
 * The five hardening fixes and the ACL decision, each proven by verify rows: every row passes on the
 * configs the fixes touch, and each new deny (or allow) row fails when its fix is taken out of the
 * synthesized policies.
 */
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StackModel, parseConfig } from '../../modules/config/schema';
import { CheckResult, verifyStackJson } from '../../modules/verify';
import { unionOfStacks } from '../../modules/verify/extract';
import { accessPointsEntry, multiConsumerEntry } from '../fixtures';
import { SynthJson, defaultConfig, defaultModel, modelOf, synthEntry, synthStack } from '../helpers';

const KEY_ARN = 'arn:aws:kms:us-east-1:222222222222:key/1234abcd-12ab-34cd-56ef-1234567890ab';
const POLICIES = join(__dirname, '..', 'policies');

function failures(results: CheckResult[]): string[] {
  return results
    .filter((r) => !r.ok)
    .map((r) => `${r.check.consumer} ${r.check.who}: ${r.check.what} → ${r.decision} ${r.problems.join(' ')}`.trim());
}

function rows(results: CheckResult[], what: RegExp): Array<[string, string, string | undefined]> {
  return results
    .filter((r) => what.test(r.check.what))
    .map((r) => [`${r.check.who}: ${r.check.what}`, r.check.expect, r.decision]);
}

/** Edits the JSON policy `field` of a resource. */
function editPolicy(
  json: SynthJson,
  type: string,
  name: string,
  edit: (doc: { Statement: Array<Record<string, any>> }) => void,
  field = 'policy',
): void {
  const r = json.resource[type][name];
  const doc = JSON.parse(r[field] as string);
  edit(doc);
  r[field] = JSON.stringify(doc);
}

const dropSid = (sid: string) => (doc: { Statement: Array<Record<string, any>> }) => {
  const before = doc.Statement.length;
  doc.Statement = doc.Statement.filter((s) => s.Sid !== sid);
  if (doc.Statement.length !== before - 1) throw new Error(`no statement ${sid}`);
};

/** The default config's entry `index`, changed, validated with fixture files relative to __tests__/policies. */
function defaultEntry(index: 0 | 1, change: (e: Record<string, any>) => void): StackModel {
  const config = defaultConfig();
  change(config.stacks[index]);
  return parseConfig({ stacks: [config.stacks[index]] }, 'test', { baseDir: POLICIES }).stacks[0];
}

describe('every row passes on the configs the fixes touch', () => {
  test.each([
    ['default, direct', () => defaultModel('direct-access')],
    ['default, assume-role', () => defaultModel('assume-role-access')],
    ['assume-role, access points', () => modelOf(accessPointsEntry('assume-role', 3))],
    ['existing key, direct', () => defaultEntry(0, (e) => (e.owner.kmsKeyArn = KEY_ARN))],
    [
      'adopted key (its policy delegates to IAM), assume-role',
      () =>
        defaultEntry(1, (e) => {
          e.owner.kmsKeyArn = KEY_ARN;
          e.owner.adoptKey = { currentPolicyFile: 'current-key-policy.json' };
        }),
    ],
  ])('%s', async (_, model) => {
    const m = model();
    const results = await verifyStackJson(synthStack(m), m);
    expect(failures(results)).toEqual([]);
  });

  test('direct, split per account', async () => {
    const model = modelOf({ ...multiConsumerEntry('direct'), split: true });
    const results = await verifyStackJson(unionOfStacks([...synthEntry(model).values()]), model);
    expect(failures(results)).toEqual([]);
    // reader: GetObject and ListBucket; writer: 3 object actions; read-write: 4 and ListBucket.
    expect(rows(results, /same-name bucket/).length).toBe(10);
  });
});

describe('1. an aws:kms upload without a key ID cannot escape the bucket key', () => {
  test('refused for every caller; the bucket key by ARN works; by bare key ID only from the owner account', async () => {
    const direct = await verifyStackJson(synthStack(defaultModel('direct-access')), defaultModel('direct-access'));
    const assume = await verifyStackJson(
      synthStack(defaultModel('assume-role-access')),
      defaultModel('assume-role-access'),
    );
    const kmsRows = /aws:kms without a key ID|by an alias|bare key ID|naming the bucket's key$/;
    expect(rows(direct, kmsRows)).toEqual([
      ["data-plane role: PutObject naming the bucket's key", 'allow', 'Allowed'],
      ['data-plane role: PutObject asking for aws:kms without a key ID (aws/s3)', 'deny', 'ExplicitlyDenied'],
      ['data-plane role: PutObject naming a key by an alias', 'deny', 'ExplicitlyDenied'],
      [
        "data-plane role: PutObject naming the bucket's key by its bare key ID (resolved in the caller account)",
        'deny',
        'ExplicitlyDenied',
      ],
      [
        'data-plane role (its IAM allowing everything): PutObject asking for aws:kms without a key ID (aws/s3)',
        'deny',
        'ExplicitlyDenied',
      ],
      ['data-plane role (its IAM allowing everything): PutObject naming a key by an alias', 'deny', 'ExplicitlyDenied'],
      [
        "data-plane role (its IAM allowing everything): PutObject naming the bucket's key by its bare key ID (resolved in the caller account)",
        'deny',
        'ExplicitlyDenied',
      ],
    ]);
    expect(rows(assume, /bare key ID/)).toEqual([
      [
        "data-plane role: PutObject naming the bucket's key by its bare key ID (owner-account caller)",
        'allow',
        'Allowed',
      ],
    ]);
  });

  test('without DenyKmsUploadsWithoutBucketKey the aws/s3 upload gets through', async () => {
    const model = defaultModel('direct-access');
    const json = synthStack(model);
    editPolicy(json, 'aws_s3_bucket_policy', 'shared_bucket', dropSid('DenyKmsUploadsWithoutBucketKey'));
    expect(failures(await verifyStackJson(json, model))).toEqual([
      'workload-a data-plane role: PutObject asking for aws:kms without a key ID (aws/s3) → Allowed',
      'workload-a data-plane role (its IAM allowing everything): PutObject asking for aws:kms without a key ID (aws/s3) → Allowed',
    ]);
  });

  test('without DenyBareKeyIdFromOtherAccounts a consumer account may name a key ID of its own account', async () => {
    const model = defaultModel('direct-access');
    const json = synthStack(model);
    editPolicy(json, 'aws_s3_bucket_policy', 'shared_bucket', dropSid('DenyBareKeyIdFromOtherAccounts'));
    expect(failures(await verifyStackJson(json, model))).toEqual([
      "workload-a data-plane role: PutObject naming the bucket's key by its bare key ID (resolved in the caller account) → Allowed",
      "workload-a data-plane role (its IAM allowing everything): PutObject naming the bucket's key by its bare key ID (resolved in the caller account) → Allowed",
    ]);
  });
});

describe("2. identity grants are pinned to the owner's bucket", () => {
  const unpin = (doc: { Statement: Array<Record<string, any>> }) => {
    for (const st of doc.Statement) {
      delete st.Condition?.StringEquals?.['s3:ResourceAccount'];
      if (st.Condition?.StringEquals && Object.keys(st.Condition.StringEquals).length === 0)
        delete st.Condition.StringEquals;
      if (st.Condition && Object.keys(st.Condition).length === 0) delete st.Condition;
    }
  };

  test.each([
    ['direct', 'direct-access', 'workload_a_consumer_policy'],
    ['assume-role', 'assume-role-access', 'workload_a_owner_policy'],
  ] as const)('%s: without the pin, a same-name bucket of another account is reached', async (_, name, policy) => {
    const model = defaultModel(name);
    const json = synthStack(model);
    expect(failures(await verifyStackJson(json, model))).toEqual([]);
    editPolicy(json, 'aws_iam_role_policy', policy, unpin);
    expect(failures(await verifyStackJson(json, model))).toEqual([
      'workload-a data-plane role: GetObject in a same-name bucket of 999999999999 open to everyone → Allowed',
      'workload-a data-plane role: PutObject in a same-name bucket of 999999999999 open to everyone → Allowed',
      'workload-a data-plane role: AbortMultipartUpload in a same-name bucket of 999999999999 open to everyone → Allowed',
      'workload-a data-plane role: ListMultipartUploadParts in a same-name bucket of 999999999999 open to everyone → Allowed',
      'workload-a data-plane role: ListBucket in a same-name bucket of 999999999999 open to everyone → Allowed',
    ]);
  });
});

/** A consumer trusted by EKS Pod Identity and a CI role, passing tags and a source identity. */
function chainedEntry(approach: 'direct' | 'assume-role') {
  const entry = defaultConfig().stacks[approach === 'direct' ? 0 : 1];
  Object.assign(entry.consumers[0], {
    trustedPrincipals: ['pods.eks.amazonaws.com', 'arn:aws:iam::111111111111:role/ci/Runner'],
    podIdentity: { namespace: 'analytics', serviceAccount: 'loader' },
    sessionTagKeys: ['team', 'cost-center'],
    sourceIdentity: true,
  });
  return modelOf(entry);
}

describe('3. chained sessions with session tags or a source identity', () => {
  test('assume-role: the consumer passes its tags (EKS included) and source identity on; other keys are refused', async () => {
    const model = chainedEntry('assume-role');
    const results = await verifyStackJson(synthStack(model), model);
    expect(failures(results)).toEqual([]);
    expect(rows(results, /TagSession|SetSourceIdentity|Pod|pod/)).toEqual([
      ['consumer role: TagSession with the 8 chained tag key(s)', 'allow', 'Allowed'],
      ['consumer role: TagSession with a tag key nobody listed', 'deny', 'ImplicitlyDenied'],
      ['consumer role: SetSourceIdentity on the owner role', 'allow', 'Allowed'],
      ['EKS Pod Identity: TagSession with its six tags', 'allow', 'Allowed'],
      ['EKS Pod Identity: AssumeRole from a pod of another namespace', 'deny', 'ImplicitlyDenied'],
    ]);
    expect(rows(results, /^AssumeRole of the consumer role$/)).toEqual([
      ['a role of unrelated 999999999999: AssumeRole of the consumer role', 'deny', 'ImplicitlyDenied'],
      ['EKS Pod Identity: AssumeRole of the consumer role', 'allow', 'Allowed'],
    ]);
  });

  test("without TagSession in the owner role's trust, or in the consumer's policy, the chain breaks", async () => {
    const model = chainedEntry('assume-role');
    const trustless = synthStack(model);
    editPolicy(
      trustless,
      'aws_iam_role',
      'workload_a_owner_role',
      dropSid('TrustConsumerRoleSessionTags'),
      'assume_role_policy',
    );
    expect(failures(await verifyStackJson(trustless, model))).toEqual([
      'workload-a consumer role: TagSession with the 8 chained tag key(s) → ImplicitlyDenied',
    ]);
    const callerless = synthStack(model);
    editPolicy(
      callerless,
      'aws_iam_role_policy',
      'workload_a_consumer_policy',
      dropSid('OwnerAccountRoleSourceIdentity'),
    );
    expect(failures(await verifyStackJson(callerless, model))).toEqual([
      'workload-a consumer role: SetSourceIdentity on the owner role → ImplicitlyDenied',
    ]);
  });

  test('a Pod Identity trust without sts:TagSession cannot be assumed by EKS', async () => {
    const model = chainedEntry('direct');
    const json = synthStack(model);
    expect(failures(await verifyStackJson(json, model))).toEqual([]);
    editPolicy(
      json,
      'aws_iam_role',
      'workload_a_consumer_role',
      (doc) => (doc.Statement.find((s) => s.Sid === 'TrustEksPodIdentity')!.Action = 'sts:AssumeRole'),
      'assume_role_policy',
    );
    expect(failures(await verifyStackJson(json, model))).toEqual([
      'workload-a EKS Pod Identity: TagSession with its six tags → ImplicitlyDenied',
    ]);
  });
});

describe('4. the owner role is confined to this share', () => {
  test('another owner-account bucket and key open to the whole account are denied to it', async () => {
    const model = defaultModel('assume-role-access');
    const json = synthStack(model);
    const results = await verifyStackJson(json, model);
    expect(rows(results, /another owner-account/)).toEqual([
      [
        'data-plane role: GetObject in another owner-account bucket open to the whole account',
        'deny',
        'ExplicitlyDenied',
      ],
      [
        'data-plane role: kms:Decrypt with another owner-account key open to the whole account',
        'deny',
        'ExplicitlyDenied',
      ],
    ]);
    editPolicy(json, 'aws_iam_role_policy', 'workload_a_owner_policy', dropSid('DenyEverythingOutsideTheShares'));
    expect(failures(await verifyStackJson(json, model))).toEqual([
      'workload-a data-plane role: GetObject in another owner-account bucket open to the whole account → Allowed',
      'workload-a data-plane role: kms:Decrypt with another owner-account key open to the whole account → Allowed',
    ]);
  });

  test('access-points mode: the confinement keeps the access point and the bucket behind it', async () => {
    const model = modelOf(accessPointsEntry('assume-role', 1));
    const json = synthStack(model);
    const deny = JSON.parse(json.resource.aws_iam_role_policy.team_0_owner_policy.policy as string).Statement.at(-1);
    expect(deny).toEqual({
      Sid: 'DenyEverythingOutsideTheShares',
      Effect: 'Deny',
      Action: '*',
      NotResource: [
        'arn:aws:s3:::analytics-share',
        'arn:aws:s3:::analytics-share/*',
        '${aws_kms_key.bucket_key.arn}',
        'arn:aws:s3:eu-central-1:222222222222:accesspoint/team-0-418d28',
        'arn:aws:s3:eu-central-1:222222222222:accesspoint/team-0-418d28/object/*',
      ],
    });
    expect(failures(await verifyStackJson(json, model))).toEqual([]);
  });
});

describe('5. adopting a key never widens who can use it', () => {
  const DEPLOYER = 'arn:aws:iam::222222222222:role/KeyDeployer';
  /** A key policy that names its administrators and users, without delegating to IAM. */
  function nonDelegatingModel(): StackModel {
    const dir = mkdtempSync(join(tmpdir(), 's3share-adopt-'));
    writeFileSync(
      join(dir, 'key-policy.json'),
      JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          { Sid: 'Admins', Effect: 'Allow', Principal: { AWS: DEPLOYER }, Action: 'kms:*', Resource: '*' },
          {
            Sid: 'Backup',
            Effect: 'Allow',
            Principal: { AWS: 'arn:aws:iam::222222222222:role/Backup' },
            Action: 'kms:Decrypt',
            Resource: '*',
          },
        ],
      }),
    );
    const config = defaultConfig();
    const e = config.stacks[1];
    e.owner = { ...e.owner, provider: { assumeRoleArn: DEPLOYER }, kmsKeyArn: KEY_ARN };
    e.owner.adoptKey = { currentPolicyFile: 'key-policy.json' };
    return parseConfig({ stacks: [e] }, 'test', { baseDir: dir }).stacks[0];
  }

  test('a policy without IAM delegation: an owner-account role with IAM kms:* still gets nothing', async () => {
    const model = nonDelegatingModel();
    const json = synthStack(model);
    const results = await verifyStackJson(json, model);
    expect(failures(results)).toEqual([]);
    expect(rows(results, /adopted key's current policy/)).toEqual([
      [
        "admin role of 222222222222 (IAM allows kms:*): kms:PutKeyPolicy (as the adopted key's current policy decides)",
        'deny',
        'ImplicitlyDenied',
      ],
      [
        "admin role of 222222222222 (IAM allows kms:*): kms:Decrypt via S3 (as the adopted key's current policy decides)",
        'deny',
        'ImplicitlyDenied',
      ],
    ]);
    // The old behaviour, the owner-root statement added to the adopted key, is caught.
    // Where the old merge put it: after the current statements, before the grants.
    editPolicy(json, 'aws_kms_key_policy', 'bucket_key', (doc) =>
      doc.Statement.splice(2, 0, {
        Sid: 'EnableOwnerAccountIamPolicies',
        Effect: 'Allow',
        Principal: { AWS: 'arn:aws:iam::222222222222:root' },
        Action: 'kms:*',
        Resource: '*',
      }),
    );
    expect(failures(await verifyStackJson(json, model))).toEqual([
      "owner admin role of 222222222222 (IAM allows kms:*): kms:PutKeyPolicy (as the adopted key's current policy decides) → Allowed",
      "owner admin role of 222222222222 (IAM allows kms:*): kms:Decrypt via S3 (as the adopted key's current policy decides) → Allowed",
      'owner policy review: key policy (the statements this stack adds) names only 1 intended principal(s) → undefined names principals nobody asked for: arn:aws:iam::222222222222:root',
    ]);
  });

  test('a policy with IAM delegation: the same role keeps what it had', async () => {
    const model = defaultEntry(1, (e) => {
      e.owner.kmsKeyArn = KEY_ARN;
      e.owner.adoptKey = { currentPolicyFile: 'current-key-policy.json' };
    });
    const results = await verifyStackJson(synthStack(model), model);
    expect(rows(results, /adopted key's current policy/).map(([, expect, decision]) => [expect, decision])).toEqual([
      ['allow', 'Allowed'],
      ['allow', 'Allowed'],
    ]);
  });
});

describe('6. clients that send bucket-owner-full-control', () => {
  test('writers may send that ACL (PutObject and PutObjectAcl), no other', async () => {
    const model = defaultModel('assume-role-access');
    const results = await verifyStackJson(synthStack(model), model);
    expect(rows(results, /Acl|bucket-owner-full-control/)).toEqual([
      ['data-plane role: PutObject with bucket-owner-full-control', 'allow', 'Allowed'],
      ['data-plane role: PutObjectAcl bucket-owner-full-control', 'allow', 'Allowed'],
      ['data-plane role: PutObjectAcl verify-object.csv with another ACL (public-read)', 'deny', 'ExplicitlyDenied'],
    ]);
  });

  test('without the owner deny another ACL is set; without the action in the grant the ACL is refused', async () => {
    const model = defaultModel('direct-access');
    const denyless = synthStack(model);
    editPolicy(denyless, 'aws_s3_bucket_policy', 'shared_bucket', dropSid('DenyAclsOtherThanBucketOwnerFullControl'));
    expect(failures(await verifyStackJson(denyless, model))).toEqual([
      'workload-a data-plane role: PutObjectAcl verify-object.csv with another ACL (public-read) → Allowed',
      'workload-a data-plane role (its IAM allowing everything): PutObjectAcl verify-object.csv with another ACL (public-read) → Allowed',
    ]);
    const actionless = synthStack(model);
    editPolicy(actionless, 'aws_s3_bucket_policy', 'shared_bucket', (doc) => {
      const grant = doc.Statement.find((s) => s.Sid === 'WorkloadAReadWriteObjects')!;
      grant.Action = grant.Action.filter((a: string) => a !== 's3:PutObjectAcl');
    });
    expect(failures(await verifyStackJson(actionless, model))).toEqual([
      'workload-a data-plane role: PutObjectAcl bucket-owner-full-control → ImplicitlyDenied',
    ]);
  });

  test('readers may set no ACL at all', async () => {
    const model = modelOf(multiConsumerEntry('direct'));
    const results = await verifyStackJson(synthStack(model), model);
    expect(
      results.filter((r) => r.check.consumer === 'reports-reader' && /Acl/.test(r.check.what)).map((r) => r.check.what),
    ).toEqual(['PutObjectAcl reports/verify-object.csv', 'PutObjectAcl reports/verify-object.csv']);
  });
});
