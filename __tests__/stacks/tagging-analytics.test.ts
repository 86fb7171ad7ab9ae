/**
 * The `tagging` and `analytics` options (issue 14). tagging: `s3:GetObjectTagging` where the level
 * reads, `s3:PutObjectTagging` where it writes, the version-tagging actions with `versions`, on the
 * granted prefixes. analytics: `s3:GetBucketLocation` for every level and
 * `s3:ListBucketMultipartUploads` for writers, in a statement of its own on the bucket (the access
 * point in `access-points` mode). Both in both approaches; verify allows what they add and denies
 * it without them. Off, nothing changes (the corpus comparison holds every other config to its bytes).
 */
import { isStackSid } from '../../modules/policy/current';
import { lintStack } from '../../modules/lint';
import { verifyStackJson } from '../../modules/verify';
import { policiesOf } from '../../modules/verify/extract';
import { SimRequest, simulate } from '../../modules/verify/simulate';
import { policyDocument } from '../../modules/policy/document';
import { accessPointsEntry, multiConsumerEntry } from '../fixtures';
import { bySid, modelOf, policyOf, synthStack } from '../helpers';
import { dataPlaneRows, libraryShare } from '../options';

const BUCKET = 'arn:aws:s3:::analytics-share';

/** The multi-consumer entry with `options` on every consumer (reader, writer, read-write). */
function entryWith(approach: 'direct' | 'assume-role', options: Record<string, boolean>) {
  const entry = multiConsumerEntry(approach);
  for (const c of entry.consumers) Object.assign(c, options);
  return entry;
}

describe.each(['direct', 'assume-role'] as const)('tagging, %s approach', (approach) => {
  const entry = entryWith(approach, { tagging: true });
  (entry.consumers[2] as Record<string, unknown>).versions = true;
  const model = modelOf(entry);
  const json = synthStack(model);
  const bucketPolicy = bySid(policyOf(json, 'aws_s3_bucket_policy', 'shared_bucket'));

  test('a reader reads tags, a writer sets them, read-write with versions does both for versions too', () => {
    expect(bucketPolicy.ReportsReaderReadObjects.Action).toEqual(['s3:GetObject', 's3:GetObjectTagging']);
    expect(bucketPolicy.IngestWriteObjects.Action).toEqual([
      's3:PutObject',
      's3:AbortMultipartUpload',
      's3:ListMultipartUploadParts',
      's3:PutObjectTagging',
      's3:PutObjectAcl',
    ]);
    expect(bucketPolicy.IngestWriteObjects.Resource).toBe(`${BUCKET}/incoming/*`);
    expect(bucketPolicy.AnalystReadWriteObjects.Action).toEqual([
      's3:GetObject',
      's3:PutObject',
      's3:AbortMultipartUpload',
      's3:ListMultipartUploadParts',
      's3:GetObjectVersion',
      's3:GetObjectTagging',
      's3:PutObjectTagging',
      's3:GetObjectVersionTagging',
      's3:PutObjectVersionTagging',
      's3:PutObjectAcl',
    ]);
  });

  test('the policy lint finds nothing', async () => {
    expect((await lintStack(model, policiesOf(json, model))).findings).toEqual([]);
  });

  test('verify: tag reads and writes inside the prefixes allowed, what the level does not do denied', async () => {
    const results = await verifyStackJson(json, model);
    expect(results.filter((r) => !r.ok).map((r) => r.check.what)).toEqual([]);
    const reader = dataPlaneRows(results, 'reports-reader');
    expect(reader['GetObjectTagging exports/daily/verify-object.csv']).toEqual(['allow', 'Allowed']);
    expect(reader['PutObjectTagging reports/verify-object.csv'][0]).toBe('deny');
    expect(reader["GetObjectTagging in another consumer's incoming/"][0]).toBe('deny');
    const writer = dataPlaneRows(results, 'ingest');
    expect(writer['PutObjectTagging incoming/verify-object.csv']).toEqual(['allow', 'Allowed']);
    expect(writer['GetObjectTagging incoming/verify-object.csv'][0]).toBe('deny');
    expect(writer["PutObjectTagging in another consumer's reports/"][0]).toBe('deny');
    const analyst = dataPlaneRows(results, 'analyst');
    expect(analyst['PutObjectVersionTagging verify-object.csv']).toEqual(['allow', 'Allowed']);
  });
});

describe.each(['direct', 'assume-role'] as const)('analytics, %s approach', (approach) => {
  const model = modelOf(entryWith(approach, { analytics: true }));
  const json = synthStack(model);
  const bucketPolicy = bySid(policyOf(json, 'aws_s3_bucket_policy', 'shared_bucket'));
  const awsPrincipal = (sid: string) => (bucketPolicy[sid].Principal as { AWS: string }).AWS;

  test('GetBucketLocation for every level, ListBucketMultipartUploads for writers, on the bucket', () => {
    expect(bucketPolicy.ReportsReaderAnalyticsListBucket).toEqual({
      Sid: 'ReportsReaderAnalyticsListBucket',
      Effect: 'Allow',
      Principal: bucketPolicy.ReportsReaderReadObjects.Principal,
      Action: 's3:GetBucketLocation',
      Resource: BUCKET,
    });
    // The two writers' statements are equal but for the principal: merged, as grants are.
    expect(bucketPolicy.IngestAnalyticsListBucketAnd1More).toEqual({
      Sid: 'IngestAnalyticsListBucketAnd1More',
      Effect: 'Allow',
      Principal: { AWS: [awsPrincipal('IngestWriteObjects'), awsPrincipal('AnalystReadWriteObjects')] },
      Action: ['s3:GetBucketLocation', 's3:ListBucketMultipartUploads'],
      Resource: BUCKET,
    });
  });

  test("the data-plane role's identity statement is pinned to the owner's bucket", () => {
    const statements = Object.values(json.resource.aws_iam_role_policy).flatMap(
      (p) => (JSON.parse(p.policy as string) as { Statement: Array<Record<string, unknown>> }).Statement,
    );
    const analytics = statements.filter((s) => s.Sid === 'AnalyticsListBucket');
    expect(analytics).toHaveLength(3);
    for (const s of analytics) {
      expect(s.Resource).toBe(BUCKET);
      expect(s.Condition).toEqual({ StringEquals: { 's3:ResourceAccount': '222222222222' } });
    }
  });

  test('the policy lint finds nothing', async () => {
    expect((await lintStack(model, policiesOf(json, model))).findings).toEqual([]);
  });

  test('verify: the bucket actions allowed; a reader is denied the multipart listing', async () => {
    const results = await verifyStackJson(json, model);
    expect(results.filter((r) => !r.ok).map((r) => r.check.what)).toEqual([]);
    expect(dataPlaneRows(results, 'reports-reader').GetBucketLocation).toEqual(['allow', 'Allowed']);
    expect(dataPlaneRows(results, 'reports-reader').ListBucketMultipartUploads[0]).toBe('deny');
    expect(dataPlaneRows(results, 'ingest').ListBucketMultipartUploads).toEqual(['allow', 'Allowed']);
  });
});

test('verify catches bucket actions the config does not ask for', async () => {
  const json = synthStack(modelOf(entryWith('assume-role', { analytics: true })));
  const results = await verifyStackJson(json, modelOf(multiConsumerEntry('assume-role')));
  const failed = results.filter((r) => !r.ok).map((r) => `${r.check.consumer}: ${r.check.what}`);
  expect([...new Set(failed)]).toEqual([
    'reports-reader: GetBucketLocation',
    'ingest: GetBucketLocation',
    'ingest: ListBucketMultipartUploads',
    'analyst: GetBucketLocation',
    'analyst: ListBucketMultipartUploads',
  ]);
});

describe('access-points mode', () => {
  const entry = accessPointsEntry('direct', 2);
  for (const c of entry.consumers) Object.assign(c, { analytics: true, tagging: true });
  const model = modelOf(entry);
  const json = synthStack(model);

  test("the bucket actions go into the access point's policy, on the access point", () => {
    const ap = model.consumers[1];
    const resource = Object.values(json.resource.aws_s3_access_point).find((r) => r.name === ap.accessPointName);
    expect(resource).toBeDefined();
    const statements = bySid(JSON.parse(resource!.policy as string));
    const analytics = Object.entries(statements).find(([sid]) => sid.endsWith('AnalyticsListBucket'))![1];
    expect(analytics.Action).toEqual(['s3:GetBucketLocation', 's3:ListBucketMultipartUploads']);
    expect(analytics.Resource).toBe(`arn:aws:s3:eu-central-1:222222222222:accesspoint/${ap.accessPointName}`);
  });

  test('verify: through the access point; the multipart listing needs the action stand-in', async () => {
    const results = await verifyStackJson(json, model);
    expect(results.filter((r) => !r.ok).map((r) => r.check.what)).toEqual([]);
    const c = model.consumers[1];
    const rows = dataPlaneRows(results, c.name);
    expect(rows['GetBucketLocation (via its access point)']).toEqual(['allow', 'Allowed']);
    expect(rows['ListBucketMultipartUploads (via its access point)']).toEqual(['allow', 'Allowed']);
    expect(rows[`PutObjectTagging ${c.prefixes[0]}verify-object.csv (via its access point)`]).toEqual([
      'allow',
      'Allowed',
    ]);
    // Without the stand-ins the engine refuses the action on an access point: the row fails.
    const raw = await verifyStackJson(json, model, { encryptionContextWorkaround: false });
    const row = raw.find(
      (r) => r.check.consumer === c.name && r.check.what === 'ListBucketMultipartUploads (via its access point)',
    );
    expect([row?.ok, row?.decision]).toEqual([false, undefined]);
  });
});

test('the action stand-in refuses a policy whose wildcard matches only one of the pair', async () => {
  const ap = 'arn:aws:s3:eu-central-1:222222222222:accesspoint/team';
  const request = (action: string): SimRequest => ({
    principal: 'arn:aws:iam::111111111111:role/Team',
    action: 's3:ListBucketMultipartUploads',
    resource: ap,
    resourceAccount: '222222222222',
    context: {},
    identityPolicies: [
      {
        name: 'team',
        policy: policyDocument([{ Sid: 'Team', Effect: 'Allow', Action: action, Resource: ap }]),
      },
    ],
  });
  expect((await simulate(request('s3:ListBucketMultipartUploads'))).decision).toBe('ImplicitlyDenied');
  expect((await simulate(request('s3:List*'))).problems).toEqual([
    "a policy's action s3:List* matches only one of s3:ListBucketMultipartUploads and its stand-in s3:GetBucketNotification",
  ]);
  expect((await simulate(request('s3:GetBucketNotification'))).problems).toHaveLength(1);
});

test("the analytics Sid has a form the stack's Sids had before the option: a current policy reads as before", () => {
  // It ends in ListBucket, a suffix the pattern of the stack's Sids always had.
  expect(isStackSid('TeamAAnalyticsListBucket')).toBe(isStackSid('TeamAListBucket'));
  expect(isStackSid('TeamAAnalyticsListBucket')).toBe(true);
  // Others' Sids that merely mention analytics stay others'.
  expect(isStackSid('AthenaAnalyticsBucketActions')).toBe(false);
  expect(isStackSid('TeamAAnalytics')).toBe(false);
});

describe('library', () => {
  const { bucket, role, synth } = libraryShare('library-analytics', 'analytics-share-example');

  test('grantReadWrite with analytics and tagging', () => {
    bucket.grantReadWrite(role('Athena'), { prefixes: ['warehouse/'], analytics: true, tagging: true });
    const statements = bySid(JSON.parse(Object.values(synth().resource.aws_s3_bucket_policy)[0].policy as string));
    expect(statements.AthenaAnalyticsListBucket.Action).toEqual([
      's3:GetBucketLocation',
      's3:ListBucketMultipartUploads',
    ]);
    expect(statements.AthenaReadWriteObjects.Action).toContain('s3:PutObjectTagging');
  });

  test('tagging that is not a boolean is refused, naming the option', () => {
    expect(() => bucket.grantRead(role('Odd'), { name: 'odd', tagging: 'yes' as unknown as boolean })).toThrow(
      /tagging: "yes" must be true or false/,
    );
  });
});
