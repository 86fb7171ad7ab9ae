/**
 * Organization grantees (issue 14): `organizations[]` lets the principals of an AWS Organization,
 * or of accounts under some of its OUs, read a bucket's prefixes: `Principal: *` with
 * `aws:PrincipalOrgID` or `ForAnyValue:StringLike aws:PrincipalOrgPaths` in the bucket and key
 * policies, the resource side only, in both approaches, not in `access-points` mode. verify allows
 * a member's reads and denies its writes, outsiders and members of other OUs; its principal review
 * accepts `*` only with the Organization condition. Off, nothing changes (the corpus comparison
 * holds every other config to its bytes).
 */
import { parseConfig } from '../../modules/config/schema';
import { lintStack } from '../../modules/lint';
import { verifyStackJson } from '../../modules/verify';
import { markdownReport } from '../../modules/verify/report';
import { policiesOf } from '../../modules/verify/extract';
import { accessPointsEntry, multiConsumerEntry } from '../fixtures';
import { bySid, modelOf, policyOf, synthStack } from '../helpers';
import { libraryShare } from '../options';

const ORG = 'o-a1b2c3d4e5';
const OU = `${ORG}/r-ab12/ou-ab12-11111111/`;
const BUCKET = 'arn:aws:s3:::analytics-share';

function orgEntry(approach: 'direct' | 'assume-role') {
  const entry = multiConsumerEntry(approach) as Record<string, any>;
  entry.organizations = [
    { name: 'org-readers', organizationId: ORG, prefixes: ['public'] },
    { name: 'finance-ou', organizationId: ORG, ouPaths: [OU], prefixes: ['finance/'] },
  ];
  return entry;
}

/** `who: what` → [expected, decision] of an Organization grant's rows. */
function rowsOf(results: Awaited<ReturnType<typeof verifyStackJson>>, name: string) {
  return Object.fromEntries(
    results
      .filter((r) => r.check.consumer === name)
      .map((r) => [`${r.check.who}: ${r.check.what}`, [r.check.expect, r.decision]]),
  );
}

describe.each(['direct', 'assume-role'] as const)('%s approach', (approach) => {
  const model = modelOf(orgEntry(approach));
  const json = synthStack(model);
  const bucket = bySid(policyOf(json, 'aws_s3_bucket_policy', 'shared_bucket'));
  const key = bySid(policyOf(json, 'aws_kms_key_policy', 'bucket_key'));

  test('the bucket policy lets the Organization read its prefix, the OU grant only under the OU', () => {
    expect(bucket.OrgReadersReadObjects).toEqual({
      Sid: 'OrgReadersReadObjects',
      Effect: 'Allow',
      Principal: '*',
      Action: 's3:GetObject',
      Resource: `${BUCKET}/public/*`,
      Condition: { StringEquals: { 'aws:PrincipalOrgID': ORG } },
    });
    expect(bucket.OrgReadersListBucket.Condition).toEqual({
      StringEquals: { 'aws:PrincipalOrgID': ORG },
      StringLike: { 's3:prefix': 'public/*' },
    });
    // The OU grant keeps the Organization's fixed ID: a wildcard alone would make the policy public.
    expect(bucket.FinanceOuReadObjects.Condition).toEqual({
      StringEquals: { 'aws:PrincipalOrgID': ORG },
      'ForAnyValue:StringLike': { 'aws:PrincipalOrgPaths': `${OU}*` },
    });
  });

  test("the key policy's decrypt carries the Organization condition beside S3's", () => {
    expect(key.OrgReadersUseBucketKey.Principal).toBe('*');
    expect(key.OrgReadersUseBucketKey.Action).toBe('kms:Decrypt');
    expect(key.OrgReadersUseBucketKey.Condition!.StringEquals).toEqual({
      'kms:ViaService': 's3.eu-central-1.amazonaws.com',
      'aws:PrincipalOrgID': ORG,
    });
  });

  test('the policy lint finds nothing', async () => {
    expect((await lintStack(model, policiesOf(json, model))).findings).toEqual([]);
  });

  test('verify: a member reads; its writes, outsiders and members of another OU are denied', async () => {
    const results = await verifyStackJson(json, model);
    expect(results.filter((r) => !r.ok).map((r) => `${r.check.consumer}: ${r.check.what}`)).toEqual([]);
    expect(rowsOf(results, 'org-readers')).toEqual({
      'a member role of the Organization: GetObject public/verify-object.csv': ['allow', 'Allowed'],
      'a member role of the Organization: ListBucket prefix "public/"': ['allow', 'Allowed'],
      'a member role of the Organization: kms:Decrypt via S3': ['allow', 'Allowed'],
      'a member role of the Organization: PutObject public/verify-object.csv (reads only)': [
        'deny',
        'ImplicitlyDenied',
      ],
      'a member role of the Organization: DeleteObject public/verify-object.csv (reads only)': [
        'deny',
        'ImplicitlyDenied',
      ],
      'a member role of the Organization: GetObject outside the prefixes': ['deny', 'ImplicitlyDenied'],
      'a role of another Organization: GetObject public/verify-object.csv': ['deny', 'ImplicitlyDenied'],
      'a role of another Organization: kms:Decrypt via S3': ['deny', 'ImplicitlyDenied'],
    });
    const ou = rowsOf(results, 'finance-ou');
    expect(ou['a member role of the Organization: GetObject finance/verify-object.csv']).toEqual(['allow', 'Allowed']);
    expect(ou['a member role of another OU: GetObject finance/verify-object.csv']).toEqual([
      'deny',
      'ImplicitlyDenied',
    ]);
    expect(ou['a member role of another OU: kms:Decrypt via S3']).toEqual(['deny', 'ImplicitlyDenied']);
    const review = results.find((r) => r.check.consumer === 'owner' && r.check.what.startsWith('bucket policy names'));
    expect(review?.check.inventory?.found).toEqual(expect.arrayContaining([`org:${ORG}`, `org-path:${OU}*`]));
  });
});

test("verify's principal review fails a * without the Organization condition", async () => {
  const model = modelOf(orgEntry('direct'));
  const json = synthStack(model);
  const policy = json.resource.aws_s3_bucket_policy.shared_bucket;
  const doc = JSON.parse(policy.policy as string) as { Statement: Array<{ Sid: string; Condition?: unknown }> };
  delete doc.Statement.find((s) => s.Sid === 'OrgReadersReadObjects')!.Condition;
  policy.policy = JSON.stringify(doc);
  const failed = (await verifyStackJson(json, model))
    .filter((r) => !r.ok)
    .map((r) => `${r.check.consumer}: ${r.check.what}`);
  expect(failed).toEqual(
    expect.arrayContaining([
      'org-readers: GetObject public/verify-object.csv',
      expect.stringMatching(/^owner: bucket policy names only \d+ intended principal\(s\)$/),
    ]),
  );
});

describe('refused, with the reason', () => {
  test.each([
    [
      'an OU path of another Organization',
      (e: Record<string, any>) => (e.organizations[1].ouPaths = ['o-zzzzzzzzzz/r-ab12/ou-ab12-11111111/']),
      'stacks[0].organizations[1].ouPaths[0]: "o-zzzzzzzzzz/r-ab12/ou-ab12-11111111/" is not in the Organization o-a1b2c3d4e5',
    ],
    [
      'a malformed Organization ID',
      (e: Record<string, any>) => (e.organizations[0].organizationId = 'org-123'),
      'stacks[0].organizations[0].organizationId: "org-123" must be an Organization ID',
    ],
    [
      'a name whose Sids a consumer has',
      (e: Record<string, any>) => (e.organizations[0].name = 'ingest'),
      'stacks[0].organizations[0].name: "ingest" gives the same statement Sids as consumer "ingest"',
    ],
  ])('%s', (_, mutate, message) => {
    const entry = orgEntry('direct');
    mutate(entry);
    expect(() => parseConfig({ stacks: [entry] }, 'test')).toThrow(message);
  });

  test('access-points mode', () => {
    const entry = accessPointsEntry('direct', 2) as Record<string, any>;
    entry.organizations = [{ name: 'org-readers', organizationId: ORG }];
    expect(() => parseConfig({ stacks: [entry] }, 'test')).toThrow(
      'stacks[0].organizations[0]: "org-readers" is not supported in "access-points" mode',
    );
  });
});

describe('library', () => {
  const { bucket, role, synth } = libraryShare('library-org', 'org-share-example');

  test('grantOrganization; a consumer grant with its name is refused', () => {
    bucket.grantOrganization('everyone-in-org', { organizationId: ORG }, { prefixes: ['shared'] });
    const statements = bySid(JSON.parse(Object.values(synth().resource.aws_s3_bucket_policy)[0].policy as string));
    expect(statements.EveryoneInOrgReadObjects.Resource).toBe('arn:aws:s3:::org-share-example/shared/*');
    expect(() => bucket.grantRead(role('EveryoneInOrg'), { name: 'everyone-in-org' })).toThrow(
      /gives the same statement Sids as an Organization grant/,
    );
    expect(() => bucket.grantOrganization('bad', { organizationId: ORG, ouPaths: ['ou-1234'] })).toThrow(
      /organization\.ouPaths\[0\]: "ou-1234" must be an OU path/,
    );
  });
});

test("the access report's diagram shows each Organization grant reading the bucket", async () => {
  const model = modelOf(orgEntry('direct'));
  const results = await verifyStackJson(synthStack(model), model);
  const report = markdownReport(results, { stacks: [model], warnings: [] });
  expect(report).toContain(`  org_org_readers{{"Organization ${ORG}"}}`);
  expect(report).toContain('  org_org_readers -- "read public/" --> bucket');
  expect(report).toContain(`  org_finance_ou{{"OUs ${OU}"}}`);
});

test('library: an OU path that is not a string is a PropsError', () => {
  const { bucket } = libraryShare('library-org-shape', 'org-shape-example');
  expect(() => bucket.grantOrganization('org', { organizationId: ORG, ouPaths: [123 as unknown as string] })).toThrow(
    /organization\.ouPaths\[0\]: 123 must be an OU path/,
  );
});
