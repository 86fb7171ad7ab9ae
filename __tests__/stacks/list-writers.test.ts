/**
 * The `list` option (issue 14, listing for writers): a write-only consumer lists its own prefixes
 * (`s3:ListBucket` limited by `s3:prefix`, the reader's listing statement), in both approaches and
 * through access points; only with `write`; the owner role's confinement limits the listing to
 * those prefixes; verify allows the listing of each prefix and denies the rest; the output hint
 * lists. Off, nothing changes (the corpus comparison holds every other config to its bytes).
 */
import { DirectAccess } from '../../index';
import { lintStack } from '../../modules/lint';
import { ConfigError, parseConfig } from '../../modules/config/schema';
import { CheckResult, verifyStackJson } from '../../modules/verify';
import { policiesOf } from '../../modules/verify/extract';
import { accessPointsEntry, multiConsumerEntry } from '../fixtures';
import { dataPlaneRows, libraryShare } from '../options';
import { bySid, modelOf, policyOf, synthStack } from '../helpers';

const BUCKET = 'arn:aws:s3:::analytics-share';

/** The multi-consumer entry with `list` on the write-only consumer (`ingest`, prefix `incoming/`). */
function listingEntry(approach: 'direct' | 'assume-role') {
  const entry = multiConsumerEntry(approach);
  (entry.consumers[1] as Record<string, unknown>).list = true;
  return entry;
}

describe('config', () => {
  test('list defaults to false and is kept for a writer', () => {
    expect(modelOf(listingEntry('direct')).consumers.map((c) => c.list)).toEqual([false, true, false]);
  });

  test('a reading level with list is refused with the reason', () => {
    const entry = listingEntry('direct');
    (entry.consumers[0] as Record<string, unknown>).list = true;
    expect(() => parseConfig({ stacks: [entry] }, 'test')).toThrow(ConfigError);
    expect(() => parseConfig({ stacks: [entry] }, 'test')).toThrow(
      'stacks[0].consumers[0].list: true is only for "access": "write": the "read" level lists its prefixes already; remove "list"',
    );
  });
});

describe.each(['direct', 'assume-role'] as const)('%s approach', (approach) => {
  const model = modelOf(listingEntry(approach));
  const json = synthStack(model);
  const bucketPolicy = bySid(policyOf(json, 'aws_s3_bucket_policy', 'shared_bucket'));

  test("the writer gets the reader's listing statement, limited to its prefix", () => {
    expect(bucketPolicy.IngestListBucket).toEqual({
      Sid: 'IngestListBucket',
      Effect: 'Allow',
      Principal: bucketPolicy.IngestWriteObjects.Principal,
      Action: 's3:ListBucket',
      Resource: BUCKET,
      Condition: { StringLike: { 's3:prefix': 'incoming/*' } },
    });
  });

  test('the policy lint finds nothing', async () => {
    expect((await lintStack(model, policiesOf(json, model))).findings).toEqual([]);
  });

  test('verify: the writer lists its prefix, not outside it nor the whole bucket', async () => {
    const results = await verifyStackJson(json, model);
    expect(results.filter((r) => !r.ok).map((r) => r.check.what)).toEqual([]);
    const ingest = dataPlaneRows(results, 'ingest');
    expect(ingest['ListBucket prefix "incoming/"']).toEqual(['allow', 'Allowed']);
    expect(ingest['ListBucket outside the prefixes'][0]).toBe('deny');
    expect(ingest['ListBucket of the whole bucket'][0]).toBe('deny');
    expect(ingest["ListBucket another consumer's reports/"][0]).toBe('deny');
    expect(ingest['ListBucket (writer)']).toBeUndefined();
  });

  test('the output hint lists the prefix', () => {
    const outputs = JSON.stringify(json.output ?? {});
    expect(outputs).toContain('aws s3 ls s3://analytics-share/incoming/');
    expect(outputs).not.toContain('this consumer cannot list');
  });
});

test("verify catches a writer's listing the config does not ask for (a stale or stray grant)", async () => {
  const listing = synthStack(modelOf(listingEntry('direct')));
  const results = await verifyStackJson(listing, modelOf(multiConsumerEntry('direct')));
  const failed = results.filter((r) => !r.ok).map((r) => `${r.check.consumer}: ${r.check.what}`);
  expect([...new Set(failed)]).toEqual(['ingest: ListBucket its own prefix "incoming/" (writer)']);
});

test('assume-role: the owner role is denied listings outside its prefix', () => {
  const json = synthStack(modelOf(listingEntry('assume-role')));
  const policy = Object.values(json.resource.aws_iam_role_policy)
    .map((p) => JSON.parse(p.policy as string) as { Statement: Array<Record<string, unknown>> })
    .find((d) =>
      d.Statement.some(
        (s) => s.Sid === 'ListBucket' && s.Effect === 'Allow' && JSON.stringify(s).includes('incoming/'),
      ),
    );
  expect(policy).toBeDefined();
  const deny = policy!.Statement.find((s) => String(s.Sid).startsWith('DenyListingOutsideThePrefixes'));
  expect(deny).toEqual({
    Sid: 'DenyListingOutsideThePrefixes',
    Effect: 'Deny',
    Action: 's3:ListBucket',
    Resource: BUCKET,
    Condition: { StringNotLike: { 's3:prefix': 'incoming/*' } },
  });
});

test("assume-role: verify proves the confinement's listing deny (without it, a whole-account bucket statement lets the writer list)", async () => {
  const model = modelOf(listingEntry('assume-role'));
  const json = synthStack(model);
  const label = 'ListBucket outside the prefixes, the bucket open to every owner-account principal';
  const row = (results: CheckResult[]) => results.find((r) => r.check.consumer === 'ingest' && r.check.what === label);
  expect([row(await verifyStackJson(json, model))?.check.expect, row(await verifyStackJson(json, model))?.ok]).toEqual([
    'deny',
    true,
  ]);
  const policy = Object.values(json.resource.aws_iam_role_policy).find((p) =>
    (p.policy as string).includes('incoming/'),
  )!;
  const doc = JSON.parse(policy.policy as string) as { Statement: Array<{ Sid?: string }> };
  doc.Statement = doc.Statement.filter((s) => !s.Sid?.startsWith('DenyListingOutsideThePrefixes'));
  policy.policy = JSON.stringify(doc);
  expect(row(await verifyStackJson(json, model))?.ok).toBe(false);
});

test('access-points mode: the listing goes through the access point', async () => {
  const entry = accessPointsEntry('direct', 2);
  const writer = entry.consumers[0] as Record<string, unknown>;
  writer.access = 'write';
  writer.list = true;
  const model = modelOf(entry);
  const json = synthStack(model);
  const results = await verifyStackJson(json, model);
  expect(results.filter((r) => !r.ok).map((r) => r.check.what)).toEqual([]);
  const c = model.consumers[0];
  expect(dataPlaneRows(results, c.name)[`ListBucket prefix "${c.prefixes[0]}" (via its access point)`]).toEqual([
    'allow',
    'Allowed',
  ]);
});

describe('library', () => {
  const { bucket, role, synth } = libraryShare('library-list', 'list-share-example');
  const syncer = role('Syncer');

  test('grantWrite with list lists its prefix', () => {
    bucket.grantWrite(syncer, { prefixes: ['mirror/'], list: true });
    const json = synth();
    const statements = bySid(JSON.parse(Object.values(json.resource.aws_s3_bucket_policy)[0].policy as string));
    expect(statements.SyncerListBucket.Condition).toEqual({ StringLike: { 's3:prefix': 'mirror/*' } });
  });

  test('a grant construct refuses list on a level that reads, and list or delete that is not a boolean', () => {
    const reader = role('Reader');
    expect(
      () =>
        new DirectAccess(bucket, 'direct-reader', {
          bucket,
          grantee: reader,
          name: 'direct-reader',
          access: 'read-write',
          list: true,
        }),
    ).toThrow(/list: true is only for "access": "write": the "read-write" level lists its prefixes already/);
    expect(() => bucket.grantWrite(reader, { name: 'odd-writer', list: 'true' as unknown as boolean })).toThrow(
      /list: "true" must be true or false/,
    );
    expect(() => bucket.grantWrite(reader, { name: 'odd-deleter', delete: 1 as unknown as boolean })).toThrow(
      /delete: 1 must be true or false/,
    );
  });

  test('grantRead with list is refused, naming the option', () => {
    expect(() => bucket.grantRead(syncer, { name: 'reader', list: true })).toThrow(
      /options\.list: true is only for "access": "write"/,
    );
  });
});
