/**
 * The `versions` option (issue 14): `s3:GetObjectVersion` on the granted prefixes and
 * `s3:ListBucketVersions` under the same `s3:prefix` as `s3:ListBucket`, for levels that read, in
 * both approaches and through access points; the owner role's confinement denies version listings
 * outside the prefixes; verify allows them inside and denies them outside; a warning on an
 * unversioned bucket. Off, nothing changes (the corpus comparison holds every other config to its
 * bytes).
 */
import { DirectAccess } from '../../index';
import { ConfigError, parseConfig } from '../../modules/config/schema';
import { lintStack } from '../../modules/lint';
import { CheckResult, verifyStackJson } from '../../modules/verify';
import { policiesOf } from '../../modules/verify/extract';
import { confinementStatements, grantScopes } from '../../modules/policy/grant';
import { accessPointsEntry, multiConsumerEntry } from '../fixtures';
import { bySid, modelOf, policyOf, synthStack } from '../helpers';
import { dataPlaneRows, libraryShare } from '../options';

const BUCKET = 'arn:aws:s3:::analytics-share';

/** The multi-consumer entry with `versions` on the prefix-scoped reader (`reports-reader`). */
function versionsEntry(approach: 'direct' | 'assume-role', versioning = true) {
  const entry = multiConsumerEntry(approach);
  (entry.consumers[0] as Record<string, unknown>).versions = true;
  return { ...entry, owner: { ...entry.owner, versioning } };
}

describe('config', () => {
  test('versions defaults to false and is kept for a reader', () => {
    expect(modelOf(versionsEntry('direct')).consumers.map((c) => c.versions)).toEqual([true, false, false]);
  });

  test('the write level with versions is refused with the reason', () => {
    const entry = versionsEntry('direct');
    (entry.consumers[1] as Record<string, unknown>).versions = true;
    expect(() => parseConfig({ stacks: [entry] }, 'test')).toThrow(ConfigError);
    expect(() => parseConfig({ stacks: [entry] }, 'test')).toThrow(
      'stacks[0].consumers[1].versions: true is only for a level that reads ("read" or "read-write"): it reads older versions, and a "write" consumer reads no object; use "read-write", or remove "versions"',
    );
  });

  test('on an unversioned bucket it warns that there are no versions to read', () => {
    expect(parseConfig({ stacks: [versionsEntry('direct', false)] }, 'test').warnings).toEqual([
      {
        path: 'stacks[0].consumers[0].versions',
        value: true,
        rule: expect.stringMatching(
          /^reads older versions, but the bucket is not versioned \("owner\.versioning": false\)/,
        ),
      },
    ]);
    expect(parseConfig({ stacks: [versionsEntry('direct')] }, 'test').warnings).toEqual([]);
  });
});

describe.each(['direct', 'assume-role'] as const)('%s approach', (approach) => {
  const model = modelOf(versionsEntry(approach));
  const json = synthStack(model);
  const bucketPolicy = bySid(policyOf(json, 'aws_s3_bucket_policy', 'shared_bucket'));

  test('the reader gets GetObjectVersion on its prefixes and ListBucketVersions under the same s3:prefix', () => {
    expect(bucketPolicy.ReportsReaderReadObjects.Action).toEqual(['s3:GetObject', 's3:GetObjectVersion']);
    expect(bucketPolicy.ReportsReaderReadObjects.Resource).toEqual([
      `${BUCKET}/reports/*`,
      `${BUCKET}/exports/daily/*`,
    ]);
    expect(bucketPolicy.ReportsReaderListBucket).toEqual({
      Sid: 'ReportsReaderListBucket',
      Effect: 'Allow',
      Principal: bucketPolicy.ReportsReaderReadObjects.Principal,
      Action: ['s3:ListBucket', 's3:ListBucketVersions'],
      Resource: BUCKET,
      Condition: { StringLike: { 's3:prefix': ['reports/*', 'exports/daily/*'] } },
    });
    // The other consumers gain nothing, and no one may delete a version.
    expect(bucketPolicy.AnalystListBucket.Action).toBe('s3:ListBucket');
    expect(JSON.stringify(bucketPolicy)).not.toContain('DeleteObjectVersion');
  });

  test('the policy lint finds nothing', async () => {
    expect((await lintStack(model, policiesOf(json, model))).findings).toEqual([]);
  });

  test('verify: versions inside the prefixes allowed, outside and of the whole bucket denied', async () => {
    const results = await verifyStackJson(json, model);
    expect(results.filter((r) => !r.ok).map((r) => r.check.what)).toEqual([]);
    const reader = dataPlaneRows(results, 'reports-reader');
    expect(reader['GetObjectVersion exports/daily/verify-object.csv']).toEqual(['allow', 'Allowed']);
    expect(reader['ListBucketVersions prefix "reports/"']).toEqual(['allow', 'Allowed']);
    expect(reader['ListBucketVersions outside the prefixes'][0]).toBe('deny');
    expect(reader['ListBucketVersions of the whole bucket'][0]).toBe('deny');
    expect(reader["ListBucketVersions another consumer's incoming/"][0]).toBe('deny');
    expect(reader['DeleteObjectVersion reports/verify-object.csv'][0]).toBe('deny');
    // Without the option the versions are denied.
    const analyst = dataPlaneRows(results, 'analyst');
    expect(analyst['GetObjectVersion verify-object.csv'][0]).toBe('deny');
    expect(analyst['ListBucketVersions prefix ""'][0]).toBe('deny');
  });
});

test('verify catches a version grant the config does not ask for (a stale or stray grant)', async () => {
  const json = synthStack(modelOf(versionsEntry('direct')));
  const results = await verifyStackJson(json, modelOf(multiConsumerEntry('direct')));
  const failed = results.filter((r) => !r.ok).map((r) => `${r.check.consumer}: ${r.check.who}: ${r.check.what}`);
  expect([...new Set(failed)]).toEqual([
    'reports-reader: data-plane role: GetObjectVersion reports/verify-object.csv',
    'reports-reader: data-plane role: ListBucketVersions prefix "reports/"',
    // The bucket policy alone grants them too (what the role's own policy may allow).
    'reports-reader: data-plane role (its IAM allowing everything): GetObjectVersion reports/verify-object.csv',
    'reports-reader: data-plane role (its IAM allowing everything): ListBucketVersions prefix "reports/"',
  ]);
});

test('assume-role: the confinement denies version listings outside the prefixes, and verify proves it', async () => {
  const model = modelOf(versionsEntry('assume-role'));
  const json = synthStack(model);
  const policy = Object.values(json.resource.aws_iam_role_policy).find((p) =>
    (p.policy as string).includes('ListBucketVersions'),
  )!;
  const doc = JSON.parse(policy.policy as string) as { Statement: Array<{ Sid?: string }> };
  expect(doc.Statement.find((s) => s.Sid === 'DenyListingOutsideThePrefixes')).toEqual({
    Sid: 'DenyListingOutsideThePrefixes',
    Effect: 'Deny',
    Action: ['s3:ListBucket', 's3:ListBucketVersions'],
    Resource: BUCKET,
    Condition: { StringNotLike: { 's3:prefix': ['reports/*', 'exports/daily/*'] } },
  });
  const label = 'ListBucketVersions outside the prefixes, the bucket open to every owner-account principal';
  const row = (results: CheckResult[]) =>
    results.find((r) => r.check.consumer === 'reports-reader' && r.check.what === label);
  const proven = row(await verifyStackJson(json, model));
  expect([proven?.check.expect, proven?.ok]).toEqual(['deny', true]);
  doc.Statement = doc.Statement.filter((s) => s.Sid !== 'DenyListingOutsideThePrefixes');
  policy.policy = JSON.stringify(doc);
  expect(row(await verifyStackJson(json, model))?.ok).toBe(false);
});

test('access-points mode: versions are read and listed through the access point', async () => {
  const entry = accessPointsEntry('assume-role', 2);
  (entry.consumers[0] as Record<string, unknown>).versions = true;
  const model = modelOf(entry);
  const json = synthStack(model);
  const results = await verifyStackJson(json, model);
  expect(results.filter((r) => !r.ok).map((r) => r.check.what)).toEqual([]);
  const c = model.consumers[0];
  const rows = dataPlaneRows(results, c.name);
  expect(rows[`ListBucketVersions prefix "${c.prefixes[0]}" (via its access point)`]).toEqual(['allow', 'Allowed']);
  expect(rows[`GetObjectVersion ${c.prefixes[0]}verify-object.csv (via its access point)`]).toEqual([
    'allow',
    'Allowed',
  ]);
  expect(rows['ListBucketVersions of the whole bucket (via its access point)'][0]).toBe('deny');
});

describe('library', () => {
  const { bucket, role, synth } = libraryShare('library-versions', 'versions-share-example');

  test('grantRead with versions reads and lists versions of its prefix', () => {
    bucket.grantRead(role('Auditor'), { prefixes: ['ledger/'], versions: true });
    const statements = bySid(JSON.parse(Object.values(synth().resource.aws_s3_bucket_policy)[0].policy as string));
    expect(statements.AuditorReadObjects.Action).toEqual(['s3:GetObject', 's3:GetObjectVersion']);
    expect(statements.AuditorListBucket.Action).toEqual(['s3:ListBucket', 's3:ListBucketVersions']);
  });

  test('grantWrite with versions, and a grant construct with versions that is not a boolean, are refused', () => {
    expect(() => bucket.grantWrite(role('Writer'), { name: 'writer', versions: true })).toThrow(
      /options\.versions: true is only for a level that reads/,
    );
    expect(
      () =>
        new DirectAccess(bucket, 'odd-versions', {
          bucket,
          grantee: role('Odd'),
          name: 'odd-versions',
          access: 'read',
          versions: 'yes' as unknown as boolean,
        }),
    ).toThrow(/versions: "yes" must be true or false/);
  });
});

describe("one role's confinement over several shares (the library's RoleRef.addInlinePolicy)", () => {
  const target = { partition: 'aws' as const, region: 'eu-west-1', accountId: '222222222222', bucketArn: BUCKET };
  const scopes = (...specs: Array<{ prefixes: string[]; versions?: boolean }>) =>
    specs.flatMap((s, i) => grantScopes(target, { sidPrefix: `S${i}`, access: 'read', ...s }));
  const listingDenies = (statements: ReturnType<typeof confinementStatements>) =>
    statements
      .filter((s) => String(s.Sid).startsWith('DenyListingOutsideThePrefixes'))
      .map((s) => [s.Action, s.Condition]);

  test('a version listing is confined to the prefixes of the shares that list versions', () => {
    expect(
      listingDenies(confinementStatements(scopes({ prefixes: ['a/'], versions: true }, { prefixes: ['b/'] }))),
    ).toEqual([
      ['s3:ListBucket', { StringNotLike: { 's3:prefix': ['a/*', 'b/*'] } }],
      ['s3:ListBucketVersions', { StringNotLike: { 's3:prefix': 'a/*' } }],
    ]);
  });

  test('a share that lists the whole bucket lifts the listing deny of its own actions only', () => {
    expect(
      listingDenies(confinementStatements(scopes({ prefixes: ['a/'], versions: true }, { prefixes: [] }))),
    ).toEqual([['s3:ListBucketVersions', { StringNotLike: { 's3:prefix': 'a/*' } }]]);
  });
});

test("verify asks the options' object actions outside the prefixes: a grant widened to the whole bucket fails there", async () => {
  const model = modelOf(versionsEntry('direct'));
  const json = synthStack(model);
  const policy = json.resource.aws_s3_bucket_policy.shared_bucket;
  const doc = JSON.parse(policy.policy as string) as { Statement: Array<{ Sid: string; Resource: unknown }> };
  doc.Statement.find((s) => s.Sid === 'ReportsReaderReadObjects')!.Resource = `${BUCKET}/*`;
  policy.policy = JSON.stringify(doc);
  const results = await verifyStackJson(json, model);
  const failed = results.filter((r) => !r.ok && r.check.consumer === 'reports-reader').map((r) => r.check.what);
  expect(failed).toContain('GetObjectVersion outside the prefixes');
});

test("SharedBucket.grant, the constructs' low-level entry, refuses versions on write too", () => {
  const { bucket } = libraryShare('library-low-level', 'low-level-share-example');
  expect(() =>
    bucket.grant('arn:aws:iam::111111111111:role/Writer', { sidPrefix: 'Writer', access: 'write', versions: true }),
  ).toThrow(/versions: true is only for a level that reads/);
});
