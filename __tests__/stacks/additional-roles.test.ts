/**
 * Several roles per consumer (issue 14): `consumers[].additionalRoles` lists other existing roles
 * of the consumer's account that get the consumer's grant. Direct: the bucket, access point and
 * key policies name every role in one statement, and each role gets the same identity policy.
 * Assume-role: the owner role's trust names every role with the one external ID, and each role
 * gets the same `sts:AssumeRole` policy; the resource policies still name the owner role alone.
 * The first role keeps its addresses; each additional role's policy is
 * `<consumer>_consumer_policy_<role>`. Off, nothing changes (the corpus comparison holds every
 * other config to its bytes).
 */
import { Grantee } from '../../index';
import { lintStack } from '../../modules/lint';
import { verifyStackJson } from '../../modules/verify';
import { policiesOf } from '../../modules/verify/extract';
import { accessPointsEntry, multiConsumerEntry } from '../fixtures';
import { SynthJson, addresses, bySid, modelOf, policyOf, synthEntry, synthStack } from '../helpers';
import { configMessages, libraryShare } from '../options';

const READER = 'arn:aws:iam::111111111111:role/ReportsReader';
const ETL = 'arn:aws:iam::111111111111:role/etl.batch';
const SPARK = 'arn:aws:iam::111111111111:role/jobs/Spark';

/** The multi-consumer entry with two more roles for the reader (one with a path). */
function entryWithRoles(approach: 'direct' | 'assume-role') {
  const entry = multiConsumerEntry(approach) as Record<string, any>;
  entry.consumers[0].additionalRoles = [{ roleName: 'etl.batch' }, { roleName: 'Spark', rolePath: '/jobs/' }];
  return entry;
}

/** The failed rows of verify, as `<consumer>: <who>: <what>`. */
async function failedRows(json: SynthJson, entry: Record<string, unknown>): Promise<string[]> {
  return (await verifyStackJson(json, modelOf(entry)))
    .filter((r) => !r.ok)
    .map((r) => `${r.check.consumer}: ${r.check.who}: ${r.check.what}`);
}

/** `doc` with `arn` taken out of every principal list. */
function withoutPrincipal(policy: string, arn: string): string {
  const doc = JSON.parse(policy) as { Statement: Array<{ Principal?: { AWS?: string | string[] } }> };
  for (const s of doc.Statement) {
    const aws = s.Principal?.AWS;
    if (Array.isArray(aws)) s.Principal!.AWS = aws.filter((a) => a !== arn);
  }
  return JSON.stringify(doc);
}

describe('direct approach', () => {
  const entry = entryWithRoles('direct');
  const model = modelOf(entry);
  const json = synthStack(model);
  const bucketPolicy = bySid(policyOf(json, 'aws_s3_bucket_policy', 'shared_bucket'));
  const keyPolicy = bySid(policyOf(json, 'aws_kms_key_policy', 'bucket_key'));

  test('the bucket and key policies name every role of the consumer in its statements, Sids unchanged', () => {
    const every = { AWS: [READER, ETL, SPARK] };
    expect(bucketPolicy.ReportsReaderReadObjects.Principal).toEqual(every);
    expect(bucketPolicy.ReportsReaderListBucket.Principal).toEqual(every);
    expect(keyPolicy.ReportsReaderUseBucketKey.Principal).toEqual(every);
    // Other consumers are untouched.
    expect(bucketPolicy.IngestWriteObjects.Principal).toEqual({
      AWS: 'arn:aws:iam::333333333333:role/pipelines/IngestWriter',
    });
  });

  test('each additional role gets the consumer role’s identity policy; the first role keeps its addresses', () => {
    const policies = json.resource.aws_iam_role_policy;
    expect(addresses(json).filter((a) => a.startsWith('aws_iam_role') && a.includes('reports_reader'))).toEqual([
      'aws_iam_role.reports_reader_consumer_role',
      'aws_iam_role_policy.reports_reader_consumer_policy',
      'aws_iam_role_policy.reports_reader_consumer_policy_Spark',
      'aws_iam_role_policy.reports_reader_consumer_policy_etl_batch',
    ]);
    const main = policies.reports_reader_consumer_policy;
    for (const [address, role] of [
      ['reports_reader_consumer_policy_etl_batch', 'etl.batch'],
      ['reports_reader_consumer_policy_Spark', 'Spark'],
    ]) {
      expect(policies[address].role).toBe(role);
      expect(policies[address].name).toBe(main.name);
      expect(policies[address].policy).toBe(main.policy);
      // An existing role: nothing to wait for, and no role is created.
      expect(policies[address].depends_on).toBeUndefined();
    }
    expect(Object.keys(json.resource.aws_iam_role)).not.toContain('reports_reader_consumer_role_etl_batch');
  });

  test('an output lists the additional roles', () => {
    expect(json.output.reports_reader_additional_role_arns).toEqual({
      value: [ETL, SPARK],
      description: 'More roles of consumer reports-reader that call S3 with the same grant as ReportsReader',
    });
    expect(json.output.ingest_additional_role_arns).toBeUndefined();
  });

  test('the policy lint finds nothing', async () => {
    expect((await lintStack(model, policiesOf(json, model))).findings).toEqual([]);
  });

  test('verify: every additional role reads as granted, and is refused what the consumer is refused', async () => {
    const results = await verifyStackJson(json, model);
    expect(results.filter((r) => !r.ok).map((r) => r.check.what)).toEqual([]);
    const rows = (who: string) =>
      Object.fromEntries(
        results.filter((r) => r.check.who === who).map((r) => [r.check.what, [r.check.expect, r.decision]]),
      );
    for (const role of ['etl.batch', 'Spark']) {
      const own = rows(`additional role ${role}`);
      expect(own['GetObject reports/verify-object.csv']).toEqual(['allow', 'Allowed']);
      expect(own['kms:Decrypt (bucket key: context = bucket)']).toEqual(['allow', 'Allowed']);
      expect(own['GetObject outside the prefixes']).toEqual(['deny', 'ImplicitlyDenied']);
      expect(own['PutObject reports/verify-object.csv (reader)']).toEqual(['deny', 'ImplicitlyDenied']);
      expect(own['GetObject in a same-name bucket of 999999999999 open to everyone']).toEqual([
        'deny',
        'ImplicitlyDenied',
      ]);
      // Its account may widen its IAM at will: the owner's policies still refuse what was not granted.
      expect(
        rows(`additional role ${role} (its IAM allowing everything)`)['PutObject reports/verify-object.csv (reader)'],
      ).toEqual(['deny', 'ImplicitlyDenied']);
    }
    const review = results.find((r) => r.check.what.startsWith('bucket policy names only'))!;
    expect(review.check.what).toBe('bucket policy names only 5 intended principal(s)');
  });

  test('verify fails the rows of an additional role the bucket and key policies leave out', async () => {
    const broken = JSON.parse(JSON.stringify(json)) as SynthJson;
    const bucket = broken.resource.aws_s3_bucket_policy.shared_bucket;
    bucket.policy = withoutPrincipal(bucket.policy as string, ETL);
    const key = broken.resource.aws_kms_key_policy.bucket_key;
    key.policy = withoutPrincipal(key.policy as string, ETL);
    const failed = await failedRows(broken, entry);
    expect(failed).toContain('reports-reader: additional role etl.batch: GetObject reports/verify-object.csv');
    expect(failed).toContain('reports-reader: additional role etl.batch: kms:Decrypt (bucket key: context = bucket)');
    expect(failed).toContain('owner: policy review: bucket policy names only 5 intended principal(s)');
    expect(failed.filter((f) => f.includes('Spark'))).toEqual([]);
  });

  test('verify fails the rows of an additional role without its identity policy', async () => {
    const broken = JSON.parse(JSON.stringify(json)) as SynthJson;
    delete broken.resource.aws_iam_role_policy.reports_reader_consumer_policy_Spark;
    const failed = await failedRows(broken, entry);
    expect(failed).toContain('reports-reader: additional role Spark: GetObject reports/verify-object.csv');
    expect(failed.filter((f) => !f.includes('additional role Spark'))).toEqual([]);
  });
});

describe('assume-role approach', () => {
  const entry = entryWithRoles('assume-role');
  const model = modelOf(entry);
  const json = synthStack(model);
  const ownerRole = 'arn:aws:iam::222222222222:role/S3AccessFromReportsReader';

  test('the owner role trusts every role of the consumer with the one external ID; the bucket policy names the owner role alone', () => {
    const trust = bySid(policyOf(json, 'aws_iam_role', 'reports_reader_owner_role', 'assume_role_policy'));
    expect(trust.TrustConsumerRoleWithExternalId).toEqual({
      Sid: 'TrustConsumerRoleWithExternalId',
      Effect: 'Allow',
      Principal: { AWS: [READER, ETL, SPARK] },
      Action: 'sts:AssumeRole',
      Condition: { StringEquals: { 'sts:ExternalId': 'reports-reader-2b9f6a' } },
    });
    const bucketPolicy = bySid(policyOf(json, 'aws_s3_bucket_policy', 'shared_bucket'));
    expect(bucketPolicy.ReportsReaderReadObjects.Principal).toEqual({ AWS: ownerRole });
  });

  test('each additional role may assume the owner role, and nothing else', () => {
    for (const address of ['reports_reader_consumer_policy_etl_batch', 'reports_reader_consumer_policy_Spark']) {
      expect(policyOf(json, 'aws_iam_role_policy', address)).toEqual(
        policyOf(json, 'aws_iam_role_policy', 'reports_reader_consumer_policy'),
      );
    }
    expect(bySid(policyOf(json, 'aws_iam_role_policy', 'reports_reader_consumer_policy_Spark'))).toEqual({
      AssumeOwnerAccountRole: {
        Sid: 'AssumeOwnerAccountRole',
        Effect: 'Allow',
        Action: 'sts:AssumeRole',
        Resource: ownerRole,
      },
    });
    expect(json.output.reports_reader_additional_role_arns.description).toBe(
      'More roles of consumer reports-reader that may assume S3AccessFromReportsReader with the external ID, as ReportsReader may',
    );
  });

  test('verify: each additional role assumes with the external ID only, and cannot reach the objects without assuming', async () => {
    const results = await verifyStackJson(json, model);
    expect(results.filter((r) => !r.ok).map((r) => r.check.what)).toEqual([]);
    const rows = Object.fromEntries(
      results
        .filter((r) => r.check.who === 'additional role etl.batch')
        .map((r) => [r.check.what, [r.check.expect, r.decision]]),
    );
    expect(rows).toEqual({
      'AssumeRole with the right external ID': ['allow', 'Allowed'],
      'AssumeRole with a wrong external ID': ['deny', 'ImplicitlyDenied'],
      'AssumeRole without external ID': ['deny', 'ImplicitlyDenied'],
      'GetObject directly, without assuming (its IAM allowing everything)': ['deny', 'ImplicitlyDenied'],
    });
  });

  test("verify fails when the owner role's trust leaves an additional role out", async () => {
    const broken = JSON.parse(JSON.stringify(json)) as SynthJson;
    const role = broken.resource.aws_iam_role.reports_reader_owner_role;
    role.assume_role_policy = withoutPrincipal(role.assume_role_policy as string, SPARK);
    expect(await failedRows(broken, entry)).toEqual([
      'reports-reader: additional role Spark: AssumeRole with the right external ID',
      'reports-reader: policy review: trust policy of the owner role names only 3 intended principal(s)',
    ]);
  });
});

test("access-points mode: the consumer's access point policy names every role", async () => {
  const entry = accessPointsEntry('direct', 2) as Record<string, any>;
  entry.consumers[0].additionalRoles = [{ roleName: 'Batch' }];
  const model = modelOf(entry);
  const json = synthStack(model);
  const ap = Object.values(json.resource.aws_s3_access_point).find(
    (r) => r.name === model.consumers[0].accessPointName,
  )!;
  const statements = JSON.parse(ap.policy as string) as { Statement: Array<{ Principal: { AWS: unknown } }> };
  const account = model.consumers[0].accountId;
  for (const s of statements.Statement) {
    expect(s.Principal.AWS).toEqual([
      `arn:aws:iam::${account}:role/${model.consumers[0].roleName}`,
      `arn:aws:iam::${account}:role/Batch`,
    ]);
  }
  const results = await verifyStackJson(json, model);
  expect(results.filter((r) => !r.ok).map((r) => r.check.what)).toEqual([]);
  expect(results.some((r) => r.check.who === 'additional role Batch' && r.check.expect === 'allow')).toBe(true);
});

test("split stacks: the additional roles' policies are in the consumer account's stack", () => {
  const entry = entryWithRoles('assume-role');
  entry.split = true;
  const stacks = synthEntry(modelOf(entry));
  const consumer = stacks.get('multi-assume-role-111111111111')!;
  expect(Object.keys(consumer.resource.aws_iam_role_policy)).toEqual(
    expect.arrayContaining(['reports_reader_consumer_policy_etl_batch', 'reports_reader_consumer_policy_Spark']),
  );
  expect(consumer.output.reports_reader_additional_role_arns.value).toEqual([ETL, SPARK]);
  const owner = stacks.get('multi-assume-role-owner')!;
  expect(owner.resource.aws_iam_role_policy?.reports_reader_consumer_policy_Spark).toBeUndefined();
});

describe('refused, with the reason', () => {
  test.each([
    [
      [{ roleName: 'reportsreader' }],
      'stacks[0].consumers[0].additionalRoles[0].roleName: "reportsreader" is the role roleName already names',
    ],
    [
      [{ roleName: 'Batch' }, { roleName: 'BATCH', rolePath: '/x/' }],
      'stacks[0].consumers[0].additionalRoles[1].roleName: "BATCH" is the role additionalRoles[0].roleName already names',
    ],
    [
      [{ roleName: 'AnalystRole' }],
      'stacks[0].consumers[2].roleName: "AnalystRole" gives role "AnalystRole" in account 111111111111, as stacks[0].consumers[0].additionalRoles[0].roleName does',
    ],
    [[{ roleName: 'bad/name' }], 'stacks[0].consumers[0].additionalRoles[0].roleName: "bad/name" must be'],
    [[{ roleName: 'Batch', existingRole: false }], 'stacks[0].consumers[0].additionalRoles[0].existingRole'],
    ['Batch', 'stacks[0].consumers[0].additionalRoles: "Batch" must be a list of roles'],
  ])('%j', (additionalRoles, message) => {
    const entry = multiConsumerEntry('direct') as Record<string, any>;
    entry.consumers[0].additionalRoles = additionalRoles;
    expect(configMessages(entry)).toContain(message);
  });

  test('a role of another consumer in the same account is refused at the later consumer', () => {
    const entry = multiConsumerEntry('direct') as Record<string, any>;
    entry.consumers[2].additionalRoles = [{ roleName: 'ReportsReader' }];
    expect(configMessages(entry)).toContain(
      'stacks[0].consumers[2].additionalRoles[0].roleName: "ReportsReader" gives role "ReportsReader" in account 111111111111, as stacks[0].consumers[0].roleName does',
    );
  });
});

describe('library: additionalGrantees', () => {
  const { bucket, role, synth } = libraryShare('library-additional', 'additional-share-example');
  const consumer = role('Reader').props.provider;

  test('grantRead names every grantee; a created additional role is created first and gets the policy', () => {
    const grant = bucket.grantRead(role('Reader'), {
      additionalGrantees: [
        Grantee.existingRole({ provider: consumer, accountId: '111111111111', roleName: 'Batch' }),
        role('Stream'),
      ],
    });
    expect(grant.additionalConsumerRoles.map((r) => r.arn)).toEqual([
      'arn:aws:iam::111111111111:role/Batch',
      'arn:aws:iam::111111111111:role/Stream',
    ]);
    expect(grant.createdRoles.map((r) => r.node.path)).toEqual([
      'library-additional/share/grant-Reader/consumer-role/role',
      'library-additional/share/grant-Reader/additional-grantee-Stream/consumer-role/role',
    ]);
    const json = synth();
    const policy = Object.values(json.resource.aws_s3_bucket_policy)[0];
    expect(bySid(JSON.parse(policy.policy as string)).ReaderReadObjects.Principal).toEqual({
      AWS: [
        'arn:aws:iam::111111111111:role/Reader',
        'arn:aws:iam::111111111111:role/Batch',
        'arn:aws:iam::111111111111:role/Stream',
      ],
    });
    expect(policy.depends_on).toEqual(expect.arrayContaining([expect.stringContaining('additional-grantee-Stream')]));
    expect(Object.values(json.resource.aws_iam_role_policy).map((p) => p.role)).toEqual(['Batch', 'Stream', 'Reader']);
  });

  test('a grantee of another account, or a role named twice, is refused, naming the option', () => {
    expect(() =>
      bucket.grantRead(role('Other'), {
        additionalGrantees: [Grantee.existingRole({ provider: consumer, accountId: '333333333333', roleName: 'X' })],
      }),
    ).toThrow(
      /additionalGrantees\[0\]\.accountId: "333333333333" is not the grantee's account \(111111111111\): additional grantees are other roles of the same consumer account/,
    );
    expect(() =>
      bucket.grantRead(role('Twice'), {
        additionalGrantees: [
          Grantee.existingRole({ provider: consumer, accountId: '111111111111', roleName: 'twice' }),
        ],
      }),
    ).toThrow(/additionalGrantees\[0\]\.roleName: "twice" is the role grantee\.roleName already names/);
  });
});

describe('after review: addresses, sizes, library inputs', () => {
  test("an additional role whose address is another consumer's policy address is refused", () => {
    const entry = multiConsumerEntry('assume-role') as Record<string, any>;
    entry.consumers[0].additionalRoles = [{ roleName: 'etl.batch' }, { roleName: 'etl_batch' }];
    entry.consumers[1].name = 'reports-reader-consumer-policy-x';
    entry.consumers[2].additionalRoles = [{ roleName: 'Y' }];
    entry.consumers[0].additionalRoles.push({ roleName: 'x_owner_policy' });
    expect(configMessages(entry)).toContain(
      'stacks[0].consumers[0].additionalRoles[1].roleName: "etl_batch" gives the Terraform address aws_iam_role_policy.reports_reader_consumer_policy_etl_batch, which stacks[0].consumers[0].additionalRoles[0].roleName gives already',
    );
    expect(configMessages(entry)).toContain(
      'stacks[0].consumers[1].name: "reports-reader-consumer-policy-x" gives the Terraform address aws_iam_role_policy.reports_reader_consumer_policy_x_owner_policy, which stacks[0].consumers[0].additionalRoles[2].roleName gives already',
    );
  });

  test('an access point policy over 20,480 bytes is refused at the grant', () => {
    const entry = accessPointsEntry('direct', 1) as Record<string, any>;
    entry.consumers[0].additionalRoles = Array.from({ length: 240 }, (_, i) => ({ roleName: `BatchRole${i}` }));
    expect(() => synthStack(modelOf(entry))).toThrow(
      /principalArn: "241 principal\(s\)" are too many for one access point: access point team-0-[0-9a-f]{6} of s3:\/\/[a-z0-9.-]+: the access point policy \(the bucket policy limit, assumed\) is [\d,]+ bytes, over the limit of 20,480 bytes/,
    );
  });

  test("an existing owner role's trust statements over the quota are refused", () => {
    const entry = entryWithRoles('assume-role');
    entry.consumers[0].existingOwnerRole = true;
    entry.consumers[0].additionalRoles = Array.from({ length: 40 }, (_, i) => ({ roleName: `BatchRole${i}` }));
    expect(() => synthStack(modelOf(entry))).toThrow(
      /existingOwnerRole: true cannot take them: the trust statements to add to S3AccessFromReportsReader: the trust policy is [\d,]+ characters, over the limit of 2,048 characters/,
    );
  });

  test('library: one additional grantee in two grants with one scope; the same role twice; not a list', () => {
    const { bucket, role } = libraryShare('library-additional-review', 'additional-review-example');
    const provider = role('X').props.provider;
    const batch = Grantee.existingRole({ provider, accountId: '111111111111', roleName: 'Batch' });
    const main = Grantee.existingRole({ provider, accountId: '111111111111', roleName: 'Main' });
    const read = bucket.grantRead(main, { prefixes: ['a/'], additionalGrantees: [batch] });
    const write = bucket.grantWrite(main, { prefixes: ['b/'], additionalGrantees: [batch], name: 'main-w' });
    expect(write.additionalConsumerRoles[0]).toBe(read.additionalConsumerRoles[0]);
    expect(() => bucket.grantRead(main, { name: 'twice', additionalGrantees: [main] })).toThrow(
      /additionalGrantees\[0\]: "Main" is the role grantee already is; list each role once/,
    );
    expect(() => bucket.grantRead(main, { name: 'not-a-list', additionalGrantees: batch as unknown as [] })).toThrow(
      /additionalGrantees: "ExistingRoleGrantee" must be a list of grantees/,
    );
    expect(() =>
      bucket.grantRead(main, { name: 'holes', additionalGrantees: [undefined as unknown as typeof batch] }),
    ).toThrow(/additionalGrantees\[0\]: \(missing\) must be a grantee/);
  });

  test('assume-role: the owner role says how many more roles assume it', () => {
    const json = synthStack(modelOf(entryWithRoles('assume-role')));
    expect(json.resource.aws_iam_role.reports_reader_owner_role.description).toBe(
      'Assumed by ReportsReader and 2 more role(s) of account 111111111111 for s3://analytics-share',
    );
  });
});
