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
import { SynthJson, defaultConfig, defaultModel, modelOf, policyOf, synthEntry, synthStack } from '../helpers';

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
function editPolicy(json: SynthJson, type: string, name: string, edit: (doc: Doc) => unknown, field = 'policy'): void {
  const r = json.resource[type][name];
  const doc = JSON.parse(r[field] as string);
  edit(doc);
  r[field] = JSON.stringify(doc);
}

/** A policy document as the tests edit it. */
type Doc = { Statement: Array<Record<string, any>> };

const dropSid =
  (sid: string) =>
  (doc: Doc): void => {
    const before = doc.Statement.length;
    doc.Statement = doc.Statement.filter((s) => s.Sid !== sid);
    if (doc.Statement.length !== before - 1) throw new Error(`no statement ${sid}`);
  };

/** The matrix of a default entry, unchanged: evaluated once for the tests that only read it. */
const defaultResults = new Map<string, Promise<CheckResult[]>>();
function verifiedDefault(name: 'direct-access' | 'assume-role-access'): Promise<CheckResult[]> {
  if (!defaultResults.has(name)) {
    const model = defaultModel(name);
    defaultResults.set(name, verifyStackJson(synthStack(model), model));
  }
  return defaultResults.get(name)!;
}

/** The default config's entry `index`, changed, validated with fixture files relative to __tests__/policies. */
function defaultEntry(index: 0 | 1, change: (e: Record<string, any>) => void): StackModel {
  const config = defaultConfig();
  change(config.stacks[index]);
  return parseConfig({ stacks: [config.stacks[index]] }, 'test', { baseDir: POLICIES }).stacks[0];
}

describe('every row passes on the configs the fixes touch', () => {
  test.each(['direct-access', 'assume-role-access'] as const)('default, %s', async (name) => {
    expect(failures(await verifiedDefault(name))).toEqual([]);
  });

  test.each([
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
    // reader: GetObject and ListBucket; writer: 3 object actions and PutObjectAcl; read-write: 4, PutObjectAcl and ListBucket.
    expect(rows(results, /same-name bucket/).length).toBe(12);
  });
});

describe('1. an aws:kms upload without a key ID cannot escape the bucket key', () => {
  test('refused for every caller; the bucket key by ARN works; by bare key ID only from the owner account', async () => {
    const direct = await verifiedDefault('direct-access');
    const assume = await verifiedDefault('assume-role-access');
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
  const unpin = (doc: Doc): void => {
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
    editPolicy(json, 'aws_iam_role_policy', policy, unpin);
    expect(failures(await verifyStackJson(json, model))).toEqual([
      'workload-a data-plane role: GetObject in a same-name bucket of 999999999999 open to everyone → Allowed',
      'workload-a data-plane role: PutObject in a same-name bucket of 999999999999 open to everyone → Allowed',
      'workload-a data-plane role: AbortMultipartUpload in a same-name bucket of 999999999999 open to everyone → Allowed',
      'workload-a data-plane role: ListMultipartUploadParts in a same-name bucket of 999999999999 open to everyone → Allowed',
      'workload-a data-plane role: PutObjectAcl in a same-name bucket of 999999999999 open to everyone → Allowed',
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
  test('each hop passes the listed tags and the source identity; a tag key nobody listed is refused by the trust itself', async () => {
    const model = chainedEntry('assume-role');
    const results = await verifyStackJson(synthStack(model), model);
    expect(failures(results)).toEqual([]);
    expect(rows(results, /TagSession|SetSourceIdentity|pod|service account|consumer role$/)).toEqual([
      ['a role of unrelated 999999999999: AssumeRole of the consumer role', 'deny', 'ImplicitlyDenied'],
      ['a trusted principal: TagSession on the consumer role with the 2 chained tag key(s)', 'allow', 'Allowed'],
      [
        'a trusted principal (its IAM allowing everything): TagSession on the consumer role with a tag key nobody listed',
        'deny',
        'ImplicitlyDenied',
      ],
      ['a trusted principal: SetSourceIdentity on the consumer role', 'allow', 'Allowed'],
      ['consumer role: TagSession on the owner role with the 8 chained tag key(s)', 'allow', 'Allowed'],
      [
        'consumer role (its IAM allowing everything): TagSession on the owner role with a tag key nobody listed',
        'deny',
        'ImplicitlyDenied',
      ],
      ['consumer role: SetSourceIdentity on the owner role', 'allow', 'Allowed'],
      ['EKS Pod Identity: AssumeRole of the consumer role', 'allow', 'Allowed'],
      ['EKS Pod Identity: TagSession with its six tags', 'allow', 'Allowed'],
      ['EKS Pod Identity: AssumeRole from a pod of another namespace', 'deny', 'ImplicitlyDenied'],
      ['EKS Pod Identity: AssumeRole from another service account', 'deny', 'ImplicitlyDenied'],
    ]);
  });

  test.each([
    [
      "TagSession out of the owner role's trust",
      'aws_iam_role',
      'workload_a_owner_role',
      'assume_role_policy',
      dropSid('TrustConsumerRoleSessionTags'),
      ['workload-a consumer role: TagSession on the owner role with the 8 chained tag key(s) → ImplicitlyDenied'],
    ],
    [
      "the aws:TagKeys limit out of the owner role's trust",
      'aws_iam_role',
      'workload_a_owner_role',
      'assume_role_policy',
      (doc: Doc): unknown => delete doc.Statement.find((st) => st.Sid === 'TrustConsumerRoleSessionTags')!.Condition,
      [
        'workload-a consumer role (its IAM allowing everything): TagSession on the owner role with a tag key nobody listed → Allowed',
      ],
    ],
    [
      "SetSourceIdentity out of the consumer role's policy",
      'aws_iam_role_policy',
      'workload_a_consumer_policy',
      'policy',
      dropSid('OwnerAccountRoleSourceIdentity'),
      ['workload-a consumer role: SetSourceIdentity on the owner role → ImplicitlyDenied'],
    ],
    [
      "TagSession and SetSourceIdentity out of the consumer role's trust",
      'aws_iam_role',
      'workload_a_consumer_role',
      'assume_role_policy',
      (doc: Doc): unknown =>
        (doc.Statement = doc.Statement.filter(
          (st) => !/^TrustAwsPrincipals(SessionTags|SourceIdentity)$/.test(st.Sid),
        )),
      [
        'workload-a a trusted principal: TagSession on the consumer role with the 2 chained tag key(s) → ImplicitlyDenied',
        'workload-a a trusted principal: SetSourceIdentity on the consumer role → ImplicitlyDenied',
      ],
    ],
    [
      "sts:TagSession out of Pod Identity's trust",
      'aws_iam_role',
      'workload_a_consumer_role',
      'assume_role_policy',
      (doc: Doc): void => {
        doc.Statement.find((st) => st.Sid === 'TrustEksPodIdentity')!.Action = 'sts:AssumeRole';
      },
      ['workload-a EKS Pod Identity: TagSession with its six tags → ImplicitlyDenied'],
    ],
    [
      "the service account condition out of Pod Identity's trust",
      'aws_iam_role',
      'workload_a_consumer_role',
      'assume_role_policy',
      (doc: Doc): unknown =>
        delete doc.Statement.find((st) => st.Sid === 'TrustEksPodIdentity')!.Condition.StringEquals[
          'aws:RequestTag/kubernetes-service-account'
        ],
      ['workload-a EKS Pod Identity: AssumeRole from another service account → Allowed'],
    ],
  ] as const)('without %s, its rows fail', async (_, type, address, field, edit, expected) => {
    const model = chainedEntry('assume-role');
    const json = synthStack(model);
    editPolicy(json, type, address, edit, field);
    expect(failures(await verifyStackJson(json, model))).toEqual(expected);
  });

  test('a Pod Identity cluster condition refuses pods of another cluster', async () => {
    const entry = defaultConfig().stacks[0];
    Object.assign(entry.consumers[0], {
      trustedPrincipals: ['pods.eks.amazonaws.com'],
      podIdentity: { clusterArn: 'arn:aws:eks:us-east-1:111111111111:cluster/analytics' },
    });
    const model = modelOf(entry);
    const results = await verifyStackJson(synthStack(model), model);
    expect(failures(results)).toEqual([]);
    expect(rows(results, /another cluster/)).toEqual([
      ['EKS Pod Identity: AssumeRole from a pod of another cluster', 'deny', 'ImplicitlyDenied'],
    ]);
  });
});

describe('4. the owner role is confined to this share', () => {
  const confinement = [
    'DenyEverythingOutsideTheShares',
    'DenyOtherActionsOnTheShares',
    'DenyOtherActionsOnTheSharesGroup2',
    'DenyListingOutsideThePrefixes',
    'DenyKeyUseOutsideS3',
    'DenyKeyUseForOtherObjects',
  ];
  const unconfine = (doc: Doc): unknown =>
    (doc.Statement = doc.Statement.filter((st) => !confinement.includes(st.Sid)));

  test('another owner-account bucket and key open to the whole account are denied to it', async () => {
    const model = defaultModel('assume-role-access');
    const json = synthStack(model);
    expect(rows(await verifiedDefault('assume-role-access'), /another owner-account/)).toEqual([
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
    editPolicy(json, 'aws_iam_role_policy', 'workload_a_owner_policy', unconfine);
    expect(failures(await verifyStackJson(json, model))).toEqual([
      'workload-a data-plane role: GetObject in another owner-account bucket open to the whole account → Allowed',
      'workload-a data-plane role: kms:Decrypt with another owner-account key open to the whole account → Allowed',
    ]);
  });

  test("an adopted key whose policy trusts the whole account: the owner role still gets only S3's use of it", async () => {
    const dir = mkdtempSync(join(tmpdir(), 's3share-account-wide-'));
    writeFileSync(
      join(dir, 'key-policy.json'),
      JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          {
            Sid: 'Enable IAM User Permissions',
            Effect: 'Allow',
            Principal: { AWS: 'arn:aws:iam::222222222222:root' },
            Action: 'kms:*',
            Resource: '*',
          },
          {
            Sid: 'WholeAccount',
            Effect: 'Allow',
            Principal: { AWS: '*' },
            Action: 'kms:*',
            Resource: '*',
            Condition: { StringEquals: { 'kms:CallerAccount': '222222222222' } },
          },
        ],
      }),
    );
    const config = defaultConfig();
    const e = config.stacks[1];
    e.owner = { ...e.owner, kmsKeyArn: KEY_ARN, adoptKey: { currentPolicyFile: 'key-policy.json' } };
    const model = parseConfig({ stacks: [e] }, 'test', { baseDir: dir }).stacks[0];
    const json = synthStack(model);
    const results = await verifyStackJson(json, model);
    expect(failures(results)).toEqual([]);
    expect(
      rows(results, /^kms:(ScheduleKeyDeletion|Decrypt not via S3|Decrypt with another bucket as context)$/),
    ).toEqual([
      ['data-plane role: kms:Decrypt with another bucket as context', 'deny', 'ExplicitlyDenied'],
      ['data-plane role: kms:Decrypt not via S3', 'deny', 'ExplicitlyDenied'],
      ['data-plane role: kms:ScheduleKeyDeletion', 'deny', 'ExplicitlyDenied'],
    ]);
    editPolicy(json, 'aws_iam_role_policy', 'workload_a_owner_policy', unconfine);
    expect(failures(await verifyStackJson(json, model))).toEqual([
      'workload-a data-plane role: kms:Decrypt with another bucket as context → Allowed',
      'workload-a data-plane role: kms:Decrypt not via S3 → Allowed',
      'workload-a data-plane role: kms:ScheduleKeyDeletion → Allowed',
      'workload-a data-plane role: GetObject in another owner-account bucket open to the whole account → Allowed',
      'workload-a data-plane role: kms:Decrypt with another owner-account key open to the whole account → Allowed',
    ]);
  });

  test('a bucket policy that trusts the whole account: the owner role still reaches only its prefixes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 's3share-account-wide-bucket-'));
    const bucket = 'arn:aws:s3:::analytics-share';
    writeFileSync(
      join(dir, 'bucket-policy.json'),
      JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          {
            Sid: 'WholeAccountReads',
            Effect: 'Allow',
            Principal: '*',
            Action: ['s3:GetObject', 's3:ListBucket'],
            Resource: [bucket, `${bucket}/*`],
            Condition: { StringEquals: { 'aws:PrincipalAccount': '222222222222' } },
          },
        ],
      }),
    );
    const entry = multiConsumerEntry('assume-role');
    Object.assign(entry.owner, { existingBucket: { adopt: true, currentPolicyFile: 'bucket-policy.json' } });
    const model = parseConfig({ stacks: [entry] }, 'test', { baseDir: dir }).stacks[0];
    const json = synthStack(model);
    const outside = /^(GetObject outside the prefixes|ListBucket of the whole bucket)$/;
    const reader = (results: CheckResult[]) => results.filter((r) => r.check.consumer === 'reports-reader');
    const before = await verifyStackJson(json, model);
    expect(failures(before)).toEqual([]);
    expect(rows(reader(before), outside)).toEqual([
      ['data-plane role: GetObject outside the prefixes', 'deny', 'ExplicitlyDenied'],
      ['data-plane role: ListBucket of the whole bucket', 'deny', 'ExplicitlyDenied'],
    ]);
    editPolicy(json, 'aws_iam_role_policy', 'reports_reader_owner_policy', unconfine);
    expect(
      failures(await verifyStackJson(json, model)).filter(
        (f) => f.startsWith('reports-reader') && !/owner-account/.test(f),
      ),
    ).toEqual([
      'reports-reader data-plane role: GetObject outside the prefixes → Allowed',
      'reports-reader data-plane role: ListBucket outside the prefixes → Allowed',
      'reports-reader data-plane role: ListBucket of the whole bucket → Allowed',
      "reports-reader data-plane role: GetObject in another consumer's incoming/ → Allowed",
      "reports-reader data-plane role: ListBucket another consumer's incoming/ → Allowed",
    ]);
  });

  test('access-points mode: the confinement keeps the access point and the bucket behind it', async () => {
    const model = modelOf(accessPointsEntry('assume-role', 1));
    const json = synthStack(model);
    const statements = JSON.parse(json.resource.aws_iam_role_policy.team_0_owner_policy.policy as string).Statement;
    const AP = 'arn:aws:s3:eu-central-1:222222222222:accesspoint/team-0-418d28';
    const BUCKET = 'arn:aws:s3:::analytics-share';
    const KEY = '${aws_kms_key.bucket_key.arn}';
    expect(statements.slice(-6)).toEqual([
      {
        Sid: 'DenyEverythingOutsideTheShares',
        Effect: 'Deny',
        Action: '*',
        NotResource: [BUCKET, `${BUCKET}/teams/0/*`, AP, `${AP}/object/teams/0/*`, KEY],
      },
      {
        Sid: 'DenyOtherActionsOnTheShares',
        Effect: 'Deny',
        NotAction: ['s3:GetObject', 's3:ListBucket'],
        Resource: [BUCKET, `${BUCKET}/teams/0/*`, AP, `${AP}/object/teams/0/*`],
      },
      { Sid: 'DenyOtherActionsOnTheSharesGroup2', Effect: 'Deny', NotAction: 'kms:Decrypt', Resource: KEY },
      {
        Sid: 'DenyListingOutsideThePrefixes',
        Effect: 'Deny',
        Action: 's3:ListBucket',
        Resource: [BUCKET, AP],
        Condition: { StringNotLike: { 's3:prefix': 'teams/0/*' } },
      },
      {
        Sid: 'DenyKeyUseOutsideS3',
        Effect: 'Deny',
        Action: 'kms:*',
        Resource: KEY,
        Condition: { StringNotEquals: { 'kms:ViaService': 's3.eu-central-1.amazonaws.com' } },
      },
      {
        Sid: 'DenyKeyUseForOtherObjects',
        Effect: 'Deny',
        Action: 'kms:*',
        Resource: KEY,
        Condition: { StringNotLike: { 'kms:EncryptionContext:aws:s3:arn': [BUCKET, `${BUCKET}/teams/0/*`] } },
      },
    ]);
    expect(failures(await verifyStackJson(json, model))).toEqual([]);
  });

  test('a role another entry grants on as its existing owner role is not confined, and the config says why', () => {
    const config = defaultConfig();
    const second = JSON.parse(JSON.stringify(config.stacks[1]));
    second.name = 'second-share';
    second.owner.bucketName = 'second-shared-bucket';
    second.consumers[0].existingOwnerRole = true;
    const parsed = parseConfig({ stacks: [config.stacks[1], second] }, 't');
    expect(parsed.stacks.map((m) => m.consumers[0].confineOwnerRole)).toEqual([false, false]);
    expect(parsed.warnings.map((w) => [w.path, w.rule.split(',')[0]])).toEqual([
      ['stacks[0].consumers[0].ownerRoleName', 'is created here and named by another entry as its "existingOwnerRole"'],
      ['stacks[1].consumers[0].existingOwnerRole', 'is set'],
    ]);
    const sids = policyOf(synthStack(parsed.stacks[0]), 'aws_iam_role_policy', 'workload_a_owner_policy').Statement.map(
      (st) => st.Sid,
    );
    expect(sids).toEqual(['ReadWriteObjects', 'ListBucket', 'UseBucketKey']);
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
    expect(rows(await verifiedDefault('assume-role-access'), /Acl|bucket-owner-full-control/)).toEqual([
      ['data-plane role: PutObject with bucket-owner-full-control', 'allow', 'Allowed'],
      ['data-plane role: PutObjectAcl bucket-owner-full-control', 'allow', 'Allowed'],
      ['data-plane role: PutObjectAcl verify-object.csv with another ACL (public-read)', 'deny', 'ExplicitlyDenied'],
      [
        'data-plane role: PutObjectAcl verify-object.csv with the ACL in the body (no header)',
        'deny',
        'ExplicitlyDenied',
      ],
      [
        'data-plane role: PutObjectAcl in a same-name bucket of 999999999999 open to everyone',
        'deny',
        'ImplicitlyDenied',
      ],
    ]);
  });

  test('a Null guard on the owner deny would let an ACL sent in the body through', async () => {
    const model = defaultModel('direct-access');
    const json = synthStack(model);
    editPolicy(json, 'aws_s3_bucket_policy', 'shared_bucket', (doc) => {
      doc.Statement.find((st) => st.Sid === 'DenyAclsOtherThanBucketOwnerFullControl')!.Condition.Null = {
        's3:x-amz-acl': 'false',
      };
    });
    expect(failures(await verifyStackJson(json, model))).toEqual([
      'workload-a data-plane role: PutObjectAcl verify-object.csv with the ACL in the body (no header) → Allowed',
      'workload-a data-plane role (its IAM allowing everything): PutObjectAcl verify-object.csv with the ACL in the body (no header) → Allowed',
    ]);
  });

  test('without the owner deny another ACL is set; without the action in the grant the ACL is refused', async () => {
    const model = defaultModel('direct-access');
    const denyless = synthStack(model);
    editPolicy(denyless, 'aws_s3_bucket_policy', 'shared_bucket', dropSid('DenyAclsOtherThanBucketOwnerFullControl'));
    expect(failures(await verifyStackJson(denyless, model))).toEqual([
      'workload-a data-plane role: PutObjectAcl verify-object.csv with another ACL (public-read) → Allowed',
      'workload-a data-plane role: PutObjectAcl verify-object.csv with the ACL in the body (no header) → Allowed',
      'workload-a data-plane role (its IAM allowing everything): PutObjectAcl verify-object.csv with another ACL (public-read) → Allowed',
      'workload-a data-plane role (its IAM allowing everything): PutObjectAcl verify-object.csv with the ACL in the body (no header) → Allowed',
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
