/** The access proof: matrices of both approaches, and proof that the verifier catches wrong policies. */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runApp } from '../../modules/app/run-app';
import { StackModel } from '../../modules/config/schema';
import { CheckResult, verifyStackJson } from '../../modules/verify';
import { runVerify } from '../../modules/verify/run-verify';
import { ENCRYPTION_CONTEXT_KEY } from '../../modules/verify/simulate';
import { accessPointsEntry, multiConsumerEntry } from '../fixtures';
import { SynthJson, defaultModel, modelOf, runCommand, synthStack } from '../helpers';

/** `what → [expected, engine verdict]` of one consumer's rows. */
function table(results: CheckResult[], consumer = 'workload-a'): Record<string, [string, string | undefined]> {
  return Object.fromEntries(
    results
      .filter((r) => r.check.consumer === consumer)
      .map((r) => [`${r.check.who}: ${r.check.what}`, [r.check.expect, r.decision]]),
  );
}

function failures(results: CheckResult[]): string[] {
  return results
    .filter((r) => !r.ok)
    .map((r) => `${r.check.consumer} ${r.check.who}: ${r.check.what} → ${r.decision} ${r.problems.join(' ')}`);
}

async function verify(model: StackModel, mutate?: (json: SynthJson) => void): Promise<CheckResult[]> {
  const json = synthStack(model);
  mutate?.(json);
  return verifyStackJson(json, model);
}

describe('access matrix, default config', () => {
  test('direct: every request decided as intended', async () => {
    const results = await verify(defaultModel('direct-access'));
    expect(failures(results)).toEqual([]);
    expect(table(results)).toEqual({
      'data-plane role: GetObject verify-object.csv': ['allow', 'Allowed'],
      'data-plane role: PutObject verify-object.csv': ['allow', 'Allowed'],
      'data-plane role: AbortMultipartUpload verify-object.csv': ['allow', 'Allowed'],
      'data-plane role: ListMultipartUploadParts verify-object.csv': ['allow', 'Allowed'],
      'data-plane role: ListBucket prefix ""': ['allow', 'Allowed'],
      'data-plane role: DeleteObject verify-object.csv': ['deny', 'ImplicitlyDenied'],
      'data-plane role: PutBucketPolicy': ['deny', 'ImplicitlyDenied'],
      'data-plane role: GetObject over plain HTTP': ['deny', 'ExplicitlyDenied'],
      'data-plane role: PutObject asking for AES256': ['deny', 'ExplicitlyDenied'],
      'data-plane role: PutObject with SSE-C': ['deny', 'ExplicitlyDenied'],
      "data-plane role: PutObject naming the bucket's key": ['allow', 'Allowed'],
      'data-plane role: PutObject naming another KMS key': ['deny', 'ExplicitlyDenied'],
      'data-plane role: PutObject asking for aws:kms without a key ID (aws/s3)': ['deny', 'ExplicitlyDenied'],
      'data-plane role: PutObject naming a key by an alias': ['deny', 'ExplicitlyDenied'],
      "data-plane role: PutObject naming the bucket's key by its bare key ID (resolved in the caller account)": [
        'deny',
        'ExplicitlyDenied',
      ],
      'data-plane role: DeleteObjectVersion verify-object.csv': ['deny', 'ImplicitlyDenied'],
      'data-plane role: PutObject with bucket-owner-full-control': ['allow', 'Allowed'],
      'data-plane role: PutObjectAcl bucket-owner-full-control': ['allow', 'Allowed'],
      'data-plane role: PutObjectAcl verify-object.csv with another ACL (public-read)': ['deny', 'ExplicitlyDenied'],
      'data-plane role: PutObjectAcl verify-object.csv with the ACL in the body (no header)': [
        'deny',
        'ExplicitlyDenied',
      ],
      'data-plane role: PutObjectAcl in a same-name bucket of 999999999999 open to everyone': [
        'deny',
        'ImplicitlyDenied',
      ],
      'data-plane role: GetObjectVersion verify-object.csv': ['deny', 'ImplicitlyDenied'],
      // Every access option off: what the options would add is denied.
      'data-plane role: GetBucketLocation': ['deny', 'ImplicitlyDenied'],
      'data-plane role: GetObjectTagging verify-object.csv': ['deny', 'ImplicitlyDenied'],
      'data-plane role: GetObjectVersionTagging verify-object.csv': ['deny', 'ImplicitlyDenied'],
      'data-plane role: ListBucketMultipartUploads': ['deny', 'ImplicitlyDenied'],
      'data-plane role: ListBucketVersions prefix ""': ['deny', 'ImplicitlyDenied'],
      'data-plane role: PutObjectTagging verify-object.csv': ['deny', 'ImplicitlyDenied'],
      'data-plane role: PutObjectVersionTagging verify-object.csv': ['deny', 'ImplicitlyDenied'],
      'data-plane role: ListBucket over plain HTTP': ['deny', 'ExplicitlyDenied'],
      'another role of 111111111111: GetObject verify-object.csv': ['deny', 'ImplicitlyDenied'],
      'another role of 111111111111: PutObject verify-object.csv': ['deny', 'ImplicitlyDenied'],
      'another role of 111111111111: ListBucket': ['deny', 'ImplicitlyDenied'],
      'another role of 111111111111: kms:Decrypt via S3': ['deny', 'ImplicitlyDenied'],
      'a role of unrelated 999999999999: GetObject verify-object.csv': ['deny', 'ImplicitlyDenied'],
      'a role of unrelated 999999999999: PutObject verify-object.csv': ['deny', 'ImplicitlyDenied'],
      'a role of unrelated 999999999999: ListBucket': ['deny', 'ImplicitlyDenied'],
      'a role of unrelated 999999999999: kms:Decrypt via S3': ['deny', 'ImplicitlyDenied'],
      'a role of unrelated 999999999999: AssumeRole of the consumer role': ['deny', 'ImplicitlyDenied'],
      'data-plane role: kms:GenerateDataKey (bucket key: context = bucket)': ['allow', 'Allowed'],
      'data-plane role: kms:GenerateDataKey (no bucket key: context = object)': ['allow', 'Allowed'],
      'data-plane role: kms:Decrypt (bucket key: context = bucket)': ['allow', 'Allowed'],
      'data-plane role: kms:Decrypt (no bucket key: context = object)': ['allow', 'Allowed'],
      'data-plane role: kms:Decrypt with another bucket as context': ['deny', 'ImplicitlyDenied'],
      'data-plane role: kms:Decrypt not via S3': ['deny', 'ImplicitlyDenied'],
      'data-plane role: kms:ScheduleKeyDeletion': ['deny', 'ImplicitlyDenied'],
      'data-plane role: GetObject in a same-name bucket of 999999999999 open to everyone': ['deny', 'ImplicitlyDenied'],
      'data-plane role: PutObject in a same-name bucket of 999999999999 open to everyone': ['deny', 'ImplicitlyDenied'],
      'data-plane role: AbortMultipartUpload in a same-name bucket of 999999999999 open to everyone': [
        'deny',
        'ImplicitlyDenied',
      ],
      'data-plane role: ListMultipartUploadParts in a same-name bucket of 999999999999 open to everyone': [
        'deny',
        'ImplicitlyDenied',
      ],
      'data-plane role: ListBucket in a same-name bucket of 999999999999 open to everyone': [
        'deny',
        'ImplicitlyDenied',
      ],
      'data-plane role (its IAM allowing everything): DeleteObject verify-object.csv': ['deny', 'ImplicitlyDenied'],
      'data-plane role (its IAM allowing everything): PutBucketPolicy': ['deny', 'ImplicitlyDenied'],
      'data-plane role (its IAM allowing everything): GetObject over plain HTTP': ['deny', 'ExplicitlyDenied'],
      'data-plane role (its IAM allowing everything): PutObject asking for AES256': ['deny', 'ExplicitlyDenied'],
      'data-plane role (its IAM allowing everything): PutObject with SSE-C': ['deny', 'ExplicitlyDenied'],
      'data-plane role (its IAM allowing everything): PutObject naming another KMS key': ['deny', 'ExplicitlyDenied'],
      'data-plane role (its IAM allowing everything): PutObject asking for aws:kms without a key ID (aws/s3)': [
        'deny',
        'ExplicitlyDenied',
      ],
      'data-plane role (its IAM allowing everything): PutObject naming a key by an alias': ['deny', 'ExplicitlyDenied'],
      "data-plane role (its IAM allowing everything): PutObject naming the bucket's key by its bare key ID (resolved in the caller account)":
        ['deny', 'ExplicitlyDenied'],
      'data-plane role (its IAM allowing everything): DeleteObjectVersion verify-object.csv': [
        'deny',
        'ImplicitlyDenied',
      ],
      'data-plane role (its IAM allowing everything): PutObjectAcl verify-object.csv with another ACL (public-read)': [
        'deny',
        'ExplicitlyDenied',
      ],
      'data-plane role (its IAM allowing everything): GetObjectVersion verify-object.csv': ['deny', 'ImplicitlyDenied'],
      'data-plane role (its IAM allowing everything): GetBucketLocation': ['deny', 'ImplicitlyDenied'],
      'data-plane role (its IAM allowing everything): GetObjectTagging verify-object.csv': ['deny', 'ImplicitlyDenied'],
      'data-plane role (its IAM allowing everything): GetObjectVersionTagging verify-object.csv': [
        'deny',
        'ImplicitlyDenied',
      ],
      'data-plane role (its IAM allowing everything): ListBucketMultipartUploads': ['deny', 'ImplicitlyDenied'],
      'data-plane role (its IAM allowing everything): ListBucketVersions prefix ""': ['deny', 'ImplicitlyDenied'],
      'data-plane role (its IAM allowing everything): PutObjectTagging verify-object.csv': ['deny', 'ImplicitlyDenied'],
      'data-plane role (its IAM allowing everything): PutObjectVersionTagging verify-object.csv': [
        'deny',
        'ImplicitlyDenied',
      ],
      'data-plane role (its IAM allowing everything): PutObjectAcl verify-object.csv with the ACL in the body (no header)':
        ['deny', 'ExplicitlyDenied'],
      'data-plane role (its IAM allowing everything): ListBucket over plain HTTP': ['deny', 'ExplicitlyDenied'],
      'data-plane role (its IAM allowing everything): kms:Decrypt with another bucket as context': [
        'deny',
        'ImplicitlyDenied',
      ],
      'data-plane role (its IAM allowing everything): kms:Decrypt not via S3': ['deny', 'ImplicitlyDenied'],
      'data-plane role (its IAM allowing everything): kms:ScheduleKeyDeletion': ['deny', 'ImplicitlyDenied'],
      'policy review: trust policy of the consumer role names only 1 intended principal(s)': ['allow', undefined],
    });
    expect(table(results, 'owner')).toEqual({
      'admin role of 222222222222 (IAM allows kms:*): kms:PutKeyPolicy': ['allow', 'Allowed'],
      'policy review: bucket policy names only 1 intended principal(s)': ['allow', undefined],
      'policy review: key policy names only 2 intended principal(s)': ['allow', undefined],
    });
  });

  test('assume-role: the hop needs the external ID; the consumer role cannot use S3 directly', async () => {
    const results = await verify(defaultModel('assume-role-access'));
    expect(failures(results)).toEqual([]);
    const rows = table(results);
    expect(rows['consumer role: AssumeRole with the right external ID']).toEqual(['allow', 'Allowed']);
    expect(rows['consumer role: AssumeRole with a wrong external ID']).toEqual(['deny', 'ImplicitlyDenied']);
    expect(rows['consumer role: AssumeRole without external ID']).toEqual(['deny', 'ImplicitlyDenied']);
    expect(rows['consumer role: GetObject directly, without assuming (its IAM allowing everything)']).toEqual([
      'deny',
      'ImplicitlyDenied',
    ]);
    expect(rows['another role of 111111111111: AssumeRole with the right external ID']).toEqual([
      'deny',
      'ImplicitlyDenied',
    ]);
    expect(rows['a role of unrelated 999999999999: AssumeRole with the right external ID']).toEqual([
      'deny',
      'ImplicitlyDenied',
    ]);
    expect(rows['data-plane role: kms:Decrypt (no bucket key: context = object)']).toEqual(['allow', 'Allowed']);
    expect(results.length).toBe(64);
  });
});

describe('access matrix, multi-consumer config with prefixes and a read-only consumer', () => {
  test.each(['direct', 'assume-role'] as const)('%s', async (approach) => {
    const results = await verify(modelOf(multiConsumerEntry(approach)));
    expect(failures(results)).toEqual([]);
    const reader = table(results, 'reports-reader');
    expect(reader['data-plane role: GetObject reports/verify-object.csv']).toEqual(['allow', 'Allowed']);
    expect(reader['data-plane role: GetObject exports/daily/verify-object.csv']).toEqual(['allow', 'Allowed']);
    expect(reader['data-plane role: ListBucket prefix "exports/daily/"']).toEqual(['allow', 'Allowed']);
    // assume-role: the owner role is also explicitly denied what lies outside its share (its prefixes).
    const outside = approach === 'direct' ? 'ImplicitlyDenied' : 'ExplicitlyDenied';
    expect(reader['data-plane role: GetObject outside the prefixes']).toEqual(['deny', outside]);
    expect(reader['data-plane role: ListBucket of the whole bucket']).toEqual(['deny', outside]);
    // assume-role: the owner role is also explicitly denied every action it was not granted on the share.
    expect(reader['data-plane role: PutObject reports/verify-object.csv (reader)']).toEqual([
      'deny',
      approach === 'direct' ? 'ImplicitlyDenied' : 'ExplicitlyDenied',
    ]);
    expect(reader['data-plane role: kms:GenerateDataKey (bucket key: context = bucket)']).toBeUndefined();
    const writer = table(results, 'ingest');
    expect(writer['data-plane role: GetObject incoming/verify-object.csv (writer)']).toEqual([
      'deny',
      approach === 'direct' ? 'ImplicitlyDenied' : 'ExplicitlyDenied',
    ]);
    expect(writer['data-plane role: ListBucket (writer)']).toEqual([
      'deny',
      approach === 'direct' ? 'ImplicitlyDenied' : 'ExplicitlyDenied',
    ]);
    expect(writer['data-plane role: PutObject incoming/verify-object.csv']).toEqual(['allow', 'Allowed']);
  });
});

describe('the verifier catches wrong policies', () => {
  test('direct grant without the identity-side KMS statement: KMS allows fail', async () => {
    const results = await verify(defaultModel('direct-access'), (json) => {
      const policy = json.resource.aws_iam_role_policy.workload_a_consumer_policy;
      const doc = JSON.parse(policy.policy as string);
      doc.Statement = doc.Statement.filter((s: { Sid: string }) => s.Sid !== 'UseBucketKey');
      policy.policy = JSON.stringify(doc);
    });
    expect(failures(results)).toEqual([
      'workload-a data-plane role: kms:GenerateDataKey (bucket key: context = bucket) → ImplicitlyDenied ',
      'workload-a data-plane role: kms:GenerateDataKey (no bucket key: context = object) → ImplicitlyDenied ',
      'workload-a data-plane role: kms:Decrypt (bucket key: context = bucket) → ImplicitlyDenied ',
      'workload-a data-plane role: kms:Decrypt (no bucket key: context = object) → ImplicitlyDenied ',
    ]);
  });

  test('a bucket policy naming account A instead of the role lets other roles of A in', async () => {
    const results = await verify(defaultModel('direct-access'), (json) => {
      const policy = json.resource.aws_s3_bucket_policy.shared_bucket;
      policy.policy = (policy.policy as string)
        .split('arn:aws:iam::111111111111:role/RoleInAccountA')
        .join('arn:aws:iam::111111111111:root');
    });
    expect(failures(results)).toEqual([
      'workload-a another role of 111111111111: GetObject verify-object.csv → Allowed ',
      'workload-a another role of 111111111111: PutObject verify-object.csv → Allowed ',
      'workload-a another role of 111111111111: ListBucket → Allowed ',
      'owner policy review: bucket policy names only 1 intended principal(s) → undefined names principals nobody asked for: arn:aws:iam::111111111111:root lacks: arn:aws:iam::111111111111:role/RoleInAccountA',
    ]);
  });

  test('a trust policy without the external ID condition fails the wrong-ID rows', async () => {
    const results = await verify(defaultModel('assume-role-access'), (json) => {
      const role = json.resource.aws_iam_role.workload_a_owner_role;
      const doc = JSON.parse(role.assume_role_policy as string);
      delete doc.Statement[0].Condition;
      role.assume_role_policy = JSON.stringify(doc);
    });
    expect(failures(results)).toEqual([
      'workload-a consumer role: AssumeRole with a wrong external ID → Allowed ',
      'workload-a consumer role: AssumeRole without external ID → Allowed ',
    ]);
  });

  test('a key policy without the owner root statement fails the owner row', async () => {
    const results = await verify(defaultModel('direct-access'), (json) => {
      const policy = json.resource.aws_kms_key_policy.bucket_key;
      const doc = JSON.parse(policy.policy as string);
      doc.Statement = doc.Statement.slice(1);
      policy.policy = JSON.stringify(doc);
    });
    expect(failures(results)).toEqual([
      'owner admin role of 222222222222 (IAM allows kms:*): kms:PutKeyPolicy → ImplicitlyDenied ',
      'owner policy review: key policy names only 2 intended principal(s) → undefined lacks: arn:aws:iam::222222222222:root',
    ]);
  });
});

describe('the verifier catches wrong resource-side policies even when the identity side is narrow', () => {
  const multi = () => modelOf(multiConsumerEntry('direct'));
  const editBucketStatement = (json: SynthJson, sid: string, edit: (s: Record<string, any>) => void) => {
    const policy = json.resource.aws_s3_bucket_policy.shared_bucket;
    const doc = JSON.parse(policy.policy as string);
    edit(doc.Statement.find((s: { Sid: string }) => s.Sid === sid));
    policy.policy = JSON.stringify(doc);
  };

  test("an object statement widened to '*' (direct): the consumer account could reach everything", async () => {
    const results = await verify(multi(), (json) =>
      editBucketStatement(json, 'ReportsReaderReadObjects', (s) => (s.Resource = '*')),
    );
    expect(failures(results)).toEqual([
      'reports-reader data-plane role (its IAM allowing everything): GetObject outside the prefixes → Allowed ',
      "reports-reader data-plane role (its IAM allowing everything): GetObject in another consumer's incoming/ → Allowed ",
    ]);
  });

  test("another consumer's prefix added to a grant", async () => {
    const results = await verify(multi(), (json) =>
      editBucketStatement(json, 'ReportsReaderReadObjects', (s) =>
        s.Resource.push('arn:aws:s3:::analytics-share/incoming/*'),
      ),
    );
    expect(failures(results)).toEqual([
      "reports-reader data-plane role (its IAM allowing everything): GetObject in another consumer's incoming/ → Allowed ",
    ]);
  });

  test('the kms:ViaService condition dropped from the key policy', async () => {
    const results = await verify(multi(), (json) => {
      const policy = json.resource.aws_kms_key_policy.bucket_key;
      const doc = JSON.parse(policy.policy as string);
      for (const st of doc.Statement) delete st.Condition?.StringEquals;
      policy.policy = JSON.stringify(doc);
    });
    expect(failures(results)).toEqual([
      'reports-reader data-plane role (its IAM allowing everything): kms:Decrypt not via S3 → Allowed ',
      'ingest data-plane role (its IAM allowing everything): kms:Decrypt not via S3 → Allowed ',
      'analyst data-plane role (its IAM allowing everything): kms:Decrypt not via S3 → Allowed ',
    ]);
  });

  test('an extra principal in the bucket policy, and a trust policy open to anyone', async () => {
    const results = await verify(multi(), (json) => {
      editBucketStatement(
        json,
        'IngestWriteObjects',
        (s) => (s.Principal.AWS = [s.Principal.AWS, 'arn:aws:iam::555555555555:root']),
      );
      const role = json.resource.aws_iam_role.ingest_consumer_role;
      const trust = JSON.parse(role.assume_role_policy as string);
      trust.Statement[0].Principal = { AWS: '*' };
      role.assume_role_policy = JSON.stringify(trust);
    });
    expect(failures(results)).toEqual([
      'ingest a role of unrelated 999999999999: AssumeRole of the consumer role → Allowed ',
      'owner policy review: bucket policy names only 3 intended principal(s) → undefined names principals nobody asked for: arn:aws:iam::555555555555:root',
      'ingest policy review: trust policy of the consumer role names only 1 intended principal(s) → undefined names principals nobody asked for: * lacks: arn:aws:iam::333333333333:root',
    ]);
  });

  test('a resource verify does not model makes it refuse the stack', async () => {
    const model = defaultModel('direct-access');
    const json = synthStack(model);
    (json.resource as Record<string, unknown>).aws_iam_role_policy_attachment = {
      full: { role: 'RoleInAccountA', policy_arn: 'arn:aws:iam::aws:policy/AmazonS3FullAccess' },
    };
    await expect(verifyStackJson(json, model)).rejects.toThrow(
      'direct-access: the stack holds aws_iam_role_policy_attachment, whose effect on access verify does not evaluate; it cannot prove this stack',
    );
  });
});

describe('access matrix, access-points mode', () => {
  test.each(['direct', 'assume-role'] as const)(
    '%s: every request through the access points decided as intended',
    async (approach) => {
      const results = await verify(modelOf(accessPointsEntry(approach, 3)));
      expect(failures(results)).toEqual([]);
      const team0 = table(results, 'team-0');
      expect(team0['data-plane role: GetObject teams/0/verify-object.csv (via its access point)']).toEqual([
        'allow',
        'Allowed',
      ]);
      expect(team0['data-plane role: ListBucket prefix "teams/0/" (via its access point)']).toEqual([
        'allow',
        'Allowed',
      ]);
      expect(team0["data-plane role: GetObject in another consumer's teams/1/ (via its access point)"]).toEqual([
        'deny',
        approach === 'direct' ? 'ImplicitlyDenied' : 'ExplicitlyDenied',
      ]);
      expect(team0['data-plane role: GetObject over plain HTTP (via its access point)']).toEqual([
        'deny',
        'ExplicitlyDenied',
      ]);
      const bypass = approach === 'direct' ? 'data-plane role (its IAM allowing everything)' : 'data-plane role';
      expect(team0[`${bypass}: GetObject on the bucket itself, bypassing the access point`]).toEqual([
        'deny',
        'ImplicitlyDenied',
      ]);
      expect(team0['policy review: access point policy names only 1 intended principal(s)']).toEqual([
        'allow',
        undefined,
      ]);
    },
  );

  test("a delegation to every access point of the owner account is caught by a stranger's access point", async () => {
    const results = await verify(modelOf(accessPointsEntry('direct', 2)), (json) => {
      const policy = json.resource.aws_s3_bucket_policy.shared_bucket;
      const doc = JSON.parse(policy.policy as string);
      delete doc.Statement.find((st: { Sid: string }) => st.Sid === 'DelegateToOwnerAccessPoints').Condition.StringLike;
      policy.policy = JSON.stringify(doc);
    });
    expect(failures(results)).toEqual([
      'owner a role of unrelated 999999999999: GetObject through an access point of the owner account the stack did not create (via its access point) → Allowed ',
    ]);
  });

  const editDelegation = (json: SynthJson, edit: (condition: Record<string, any>) => void) => {
    const policy = json.resource.aws_s3_bucket_policy.shared_bucket;
    const doc = JSON.parse(policy.policy as string);
    edit(doc.Statement.find((st: { Sid: string }) => st.Sid === 'DelegateToOwnerAccessPoints').Condition);
    policy.policy = JSON.stringify(doc);
  };

  test('assume-role: a delegation to the wrong account fails every allowed request (the owner role cannot reach the bucket)', async () => {
    const results = await verify(modelOf(accessPointsEntry('assume-role', 1)), (json) =>
      editDelegation(json, (c) => (c.StringEquals['s3:DataAccessPointAccount'] = '999999999999')),
    );
    expect(failures(results).filter((f) => f.includes('(via its access point) → ImplicitlyDenied'))).toEqual([
      'team-0 data-plane role: GetObject teams/0/verify-object.csv (via its access point) → ImplicitlyDenied ',
      'team-0 data-plane role: ListBucket prefix "teams/0/" (via its access point) → ImplicitlyDenied ',
    ]);
  });

  test("a delegation without the account condition lets another account's access point in", async () => {
    const results = await verify(modelOf(accessPointsEntry('assume-role', 1)), (json) =>
      editDelegation(json, (c) => {
        delete c.StringEquals;
        c.StringLike['s3:DataAccessPointArn'] = c.StringLike['s3:DataAccessPointArn'].replace('222222222222', '*');
      }),
    );
    expect(failures(results)).toEqual([
      "owner a role of unrelated 999999999999: GetObject through an access point of 999999999999 named like the stack's (via its access point) → Allowed ",
    ]);
  });

  test('an access point policy open to any principal is caught', async () => {
    const results = await verify(modelOf(accessPointsEntry('direct', 2)), (json) => {
      const ap = json.resource.aws_s3_access_point.team_1_access_point;
      const doc = JSON.parse(ap.policy as string);
      for (const st of doc.Statement) st.Principal = { AWS: '*' };
      ap.policy = JSON.stringify(doc);
    });
    expect(failures(results)).toEqual([
      'team-1 another role of 100000007919: GetObject teams/1/verify-object.csv (via its access point) → Allowed ',
      'team-1 another role of 100000007919: PutObject teams/1/verify-object.csv (via its access point) → Allowed ',
      'team-1 another role of 100000007919: ListBucket (via its access point) → Allowed ',
      'team-1 a role of unrelated 999999999999: GetObject teams/1/verify-object.csv (via its access point) → Allowed ',
      'team-1 a role of unrelated 999999999999: PutObject teams/1/verify-object.csv (via its access point) → Allowed ',
      'team-1 a role of unrelated 999999999999: ListBucket (via its access point) → Allowed ',
      'team-1 policy review: access point policy names only 1 intended principal(s) → undefined names principals nobody asked for: * lacks: arn:aws:iam::100000007919:role/Team1Role',
    ]);
  });
});

describe('the engine gap: kms:EncryptionContext keys', () => {
  test('without the workaround the engine drops the key, and those rows fail instead of passing', async () => {
    const model = defaultModel('direct-access');
    const results = await verifyStackJson(synthStack(model), model, { encryptionContextWorkaround: false });
    const kmsRows = results.filter((r) => r.check.context[ENCRYPTION_CONTEXT_KEY] !== undefined);
    expect(kmsRows.length).toBeGreaterThan(0);
    for (const r of kmsRows) {
      expect(r.ok).toBe(false);
      expect(r.problems).toEqual([`the engine ignored the context key ${ENCRYPTION_CONTEXT_KEY}`]);
    }
  });

  test('with it, the condition decides: the bucket and object contexts pass, another bucket does not', async () => {
    const model = defaultModel('direct-access');
    const results = await verifyStackJson(synthStack(model), model);
    const kmsRows = results.filter((r) => r.check.context[ENCRYPTION_CONTEXT_KEY] !== undefined);
    expect(kmsRows.map((r) => [r.check.context[ENCRYPTION_CONTEXT_KEY], r.check.who, r.decision, r.problems])).toEqual([
      ['arn:aws:s3:::my-shared-bucket/verify-object.csv', 'another role of 111111111111', 'ImplicitlyDenied', []],
      ['arn:aws:s3:::my-shared-bucket/verify-object.csv', 'a role of unrelated 999999999999', 'ImplicitlyDenied', []],
      ['arn:aws:s3:::my-shared-bucket', 'data-plane role', 'Allowed', []],
      ['arn:aws:s3:::my-shared-bucket/verify-object.csv', 'data-plane role', 'Allowed', []],
      ['arn:aws:s3:::my-shared-bucket', 'data-plane role', 'Allowed', []],
      ['arn:aws:s3:::my-shared-bucket/verify-object.csv', 'data-plane role', 'Allowed', []],
      ['arn:aws:s3:::another-bucket-workload-a/verify-object.csv', 'data-plane role', 'ImplicitlyDenied', []],
      ['arn:aws:s3:::my-shared-bucket', 'data-plane role', 'ImplicitlyDenied', []],
      [
        'arn:aws:s3:::another-bucket-workload-a/verify-object.csv',
        'data-plane role (its IAM allowing everything)',
        'ImplicitlyDenied',
        [],
      ],
      ['arn:aws:s3:::my-shared-bucket', 'data-plane role (its IAM allowing everything)', 'ImplicitlyDenied', []],
    ]);
  });
});

describe('npm run verify (the command)', () => {
  test('after synth: prints the matrix, writes the report, exits 0; a broken policy exits 1', async () => {
    const outdir = mkdtempSync(join(tmpdir(), 's3share-verify-'));
    expect(runCommand(runApp, { CDKTF_OUTDIR: outdir, S3_SHARE_CONFIG: '' }).status).toBe(0);
    const ok = await runCommand(runVerify, { CDKTF_OUTDIR: outdir, S3_SHARE_CONFIG: '' });
    expect(ok.stderr).toBe('');
    expect(ok.status).toBe(0);
    expect(ok.stdout).toContain('direct-access: 79 of 79 checks as expected');
    expect(ok.stdout).toContain('assume-role-access: 64 of 64 checks as expected');
    expect(ok.stdout).toContain('143 passed, 0 failed; report: ');
    const report = readFileSync(join(outdir, 'access-report.md'), 'utf8');
    expect(report).toContain('## assume-role-access (assume-role)');
    expect(report).toContain('  c_workload_a -- "sts:AssumeRole + external ID" --> o_workload_a');

    const file = join(outdir, 'stacks', 'direct-access', 'cdk.tf.json');
    const json = JSON.parse(readFileSync(file, 'utf8'));
    json.resource.aws_s3_bucket_policy.shared_bucket.policy = json.resource.aws_s3_bucket_policy.shared_bucket.policy
      .split('"s3:ListBucket"')
      .join('"s3:ListBucketVersions"');
    writeFileSync(file, JSON.stringify(json));
    const broken = await runCommand(runVerify, { CDKTF_OUTDIR: outdir, S3_SHARE_CONFIG: '' });
    expect(broken.status).toBe(1);
    // The listing is lost, and the versions listing nobody asked for is granted: both rows fail.
    expect(broken.stdout).toContain('direct-access: 77 of 79 checks as expected');
    expect(broken.stdout).toMatch(/ListBucket prefix ""\s*│ allow\s*│ ImplicitlyDenied\s*│ FAIL/);
    expect(broken.stdout).toMatch(/ListBucketVersions prefix ""\s*│ deny\s*│ Allowed\s*│ FAIL/);
  });

  test('without synthesized stacks it says to run synth first and exits 2', async () => {
    const outdir = mkdtempSync(join(tmpdir(), 's3share-verify-empty-'));
    const r = await runCommand(runVerify, { CDKTF_OUTDIR: outdir, S3_SHARE_CONFIG: '' });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(
      /cannot read .*direct-access\/cdk\.tf\.json: .*\(run npm run synth first, with the same S3_SHARE_CONFIG\)/,
    );
    expect(existsSync(join(outdir, 'access-report.md'))).toBe(false);
  });
});
