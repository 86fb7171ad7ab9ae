/**
 * The `delete` option (issue 14): `s3:DeleteObject` on the granted prefixes only, in both
 * approaches and through access points; never `s3:DeleteObjectVersion`; the owner role's
 * confinement allows it; verify allows it inside the prefixes and denies it outside; a warning on
 * an unversioned bucket. Off, nothing changes (the corpus comparison holds every other config to
 * its bytes).
 */
import { parseConfig } from '../../modules/config/schema';
import { lintStack } from '../../modules/lint';
import { verifyStackJson } from '../../modules/verify';
import { policiesOf } from '../../modules/verify/extract';
import { accessPointsEntry, multiConsumerEntry } from '../fixtures';
import { dataPlaneRows, libraryShare } from '../options';
import { bySid, modelOf, policyOf, synthStack } from '../helpers';

const BUCKET = 'arn:aws:s3:::analytics-share';

/** The multi-consumer entry with `delete` on the write-only consumer (`ingest`, prefix `incoming/`). */
function deletingEntry(approach: 'direct' | 'assume-role', versioning = true) {
  const entry = multiConsumerEntry(approach);
  const ingest = entry.consumers[1] as Record<string, unknown>;
  ingest.delete = true;
  return { ...entry, owner: { ...entry.owner, versioning } };
}

function actions(statement: { Action?: string | string[] }): string[] {
  return [statement.Action ?? []].flat();
}

describe('config', () => {
  test('delete defaults to false and is kept when true', () => {
    const model = modelOf(deletingEntry('direct'));
    expect(model.consumers.map((c) => c.delete)).toEqual([false, true, false]);
  });

  test('on an unversioned bucket it warns that deletes are final', () => {
    const config = parseConfig({ stacks: [deletingEntry('direct', false)] }, 'test');
    expect(config.warnings).toEqual([
      {
        path: 'stacks[0].consumers[1].delete',
        value: true,
        rule: expect.stringMatching(/^lets this consumer remove objects for good: the bucket is not versioned/),
      },
    ]);
    expect(parseConfig({ stacks: [deletingEntry('direct')] }, 'test').warnings).toEqual([]);
  });

  test('on an existing bucket the stack does not adopt it warns to check the versioning', () => {
    const entry = deletingEntry('direct');
    // An existing bucket keeps its default encryption: SSE-S3 here, so no key ARN is needed.
    const owner = { ...entry.owner, encryption: 's3' };
    const existing = { ...entry, owner: { ...owner, existingBucket: { currentPolicyFile: null } } };
    expect(parseConfig({ stacks: [existing] }, 'test').warnings).toEqual([
      {
        path: 'stacks[0].consumers[1].delete',
        value: true,
        rule: expect.stringMatching(
          /^lets this consumer delete objects of an existing bucket whose versioning the stack does not manage/,
        ),
      },
    ]);
    const adopted = { ...entry, owner: { ...owner, existingBucket: { adopt: true, currentPolicyFile: null } } };
    expect(parseConfig({ stacks: [adopted] }, 'test').warnings).toEqual([]);
  });
});

describe.each(['direct', 'assume-role'] as const)('%s approach', (approach) => {
  const model = modelOf(deletingEntry(approach));
  const json = synthStack(model);
  const bucketPolicy = bySid(policyOf(json, 'aws_s3_bucket_policy', 'shared_bucket'));

  test('the bucket policy grants DeleteObject on the prefixes of that consumer only', () => {
    expect(actions(bucketPolicy.IngestWriteObjects)).toEqual([
      's3:PutObject',
      's3:AbortMultipartUpload',
      's3:ListMultipartUploadParts',
      's3:DeleteObject',
      's3:PutObjectAcl',
    ]);
    expect(bucketPolicy.IngestWriteObjects.Resource).toBe(`${BUCKET}/incoming/*`);
    const deleting = Object.entries(bucketPolicy).filter(([, s]) => actions(s).some((a) => a.startsWith('s3:Delete')));
    expect(deleting.map(([sid]) => sid)).toEqual(['IngestWriteObjects']);
  });

  test('the data-plane role may delete; no policy of the stack grants DeleteObjectVersion', () => {
    const identity = Object.values(json.resource.aws_iam_role_policy).map(
      (p) => JSON.parse(p.policy as string) as { Statement: Array<{ Sid?: string; Action?: string | string[] }> },
    );
    const granting = identity.filter((d) => d.Statement.some((s) => actions(s).includes('s3:DeleteObject')));
    expect(granting).toHaveLength(1);
    const text = JSON.stringify(json);
    expect(text).not.toContain('s3:DeleteObjectVersion');
    if (approach === 'assume-role') {
      // The owner role is confined to its share: DeleteObject is among the actions it may use there.
      const owner = granting[0].Statement.find((s) => s.Sid?.startsWith('DenyOtherActionsOnTheShares')) as {
        NotAction: string[];
      };
      expect(owner.NotAction).toContain('s3:DeleteObject');
    }
  });

  test('the policy lint finds nothing', async () => {
    const lint = await lintStack(model, policiesOf(json, model));
    expect(lint.findings).toEqual([]);
  });

  test('verify: DeleteObject allowed inside the prefix, denied outside it; versions never', async () => {
    const results = await verifyStackJson(json, model);
    expect(results.filter((r) => !r.ok).map((r) => r.check.what)).toEqual([]);
    const ingest = dataPlaneRows(results, 'ingest');
    expect(ingest['DeleteObject incoming/verify-object.csv']).toEqual(['allow', 'Allowed']);
    expect(ingest['DeleteObject outside the prefixes'][0]).toBe('deny');
    expect(ingest['DeleteObjectVersion incoming/verify-object.csv'][0]).toBe('deny');
    expect(ingest["DeleteObject in another consumer's reports/"][0]).toBe('deny');
    if (approach === 'direct') {
      // S3 ARNs carry no account: only the s3:ResourceAccount pin keeps the delete off a same-name bucket.
      expect(ingest['DeleteObject in a same-name bucket of 999999999999 open to everyone'][0]).toBe('deny');
    }
    // The other consumers still may not delete.
    expect(dataPlaneRows(results, 'reports-reader')['DeleteObject reports/verify-object.csv'][0]).toBe('deny');
  });
});

describe('access-points mode', () => {
  const entry = accessPointsEntry('direct', 2);
  (entry.consumers[0] as Record<string, unknown>).delete = true;
  const model = modelOf(entry);
  const json = synthStack(model);

  test("the grant is in the consumer's access point policy, on its objects", () => {
    const policies = Object.values(json.resource.aws_s3_access_point).map(
      (p) => JSON.parse(p.policy as string) as { Statement: Array<{ Action?: string | string[]; Resource?: unknown }> },
    );
    const deleting = policies.flatMap((d) => d.Statement.filter((s) => actions(s).includes('s3:DeleteObject')));
    expect(deleting).toHaveLength(1);
    expect(String(deleting[0].Resource)).toMatch(/:accesspoint\/.+\/object\/.+\*$/);
    expect(JSON.stringify(bySid(policyOf(json, 'aws_s3_bucket_policy', 'shared_bucket')))).not.toContain(
      's3:DeleteObject',
    );
  });

  test('verify: the delete goes through the access point', async () => {
    const results = await verifyStackJson(json, model);
    expect(results.filter((r) => !r.ok).map((r) => r.check.what)).toEqual([]);
    const name = model.consumers[0].name;
    const key = `${model.consumers[0].prefixes[0]}verify-object.csv`;
    expect(dataPlaneRows(results, name)[`DeleteObject ${key} (via its access point)`]).toEqual(['allow', 'Allowed']);
    const bypass = results.find(
      (r) =>
        r.check.consumer === name && r.check.what === 'DeleteObject on the bucket itself, bypassing the access point',
    );
    expect([bypass?.check.expect, bypass?.ok]).toEqual(['deny', true]);
    expect(
      dataPlaneRows(results, model.consumers[1].name)[
        `DeleteObject ${model.consumers[1].prefixes[0]}verify-object.csv (via its access point)`
      ][0],
    ).toBe('deny');
  });
});

describe('library: the delete option of a grant', () => {
  const { bucket, role, synth } = libraryShare('library-delete', 'delete-share-example');
  bucket.grantReadWrite(role('Syncer'), { prefixes: ['mirror/'], delete: true });
  bucket.grantRead(role('Reader'), { prefixes: ['mirror/'] });
  const json = synth();

  test('only the grant that asks for it may delete', () => {
    const policy = Object.values(json.resource.aws_s3_bucket_policy)[0];
    const statements = bySid(JSON.parse(policy.policy as string));
    expect(actions(statements.SyncerReadWriteObjects)).toContain('s3:DeleteObject');
    expect(statements.SyncerReadWriteObjects.Resource).toBe('arn:aws:s3:::delete-share-example/mirror/*');
    expect(actions(statements.ReaderReadObjects)).not.toContain('s3:DeleteObject');
  });
});
