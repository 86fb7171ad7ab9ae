/** The access-level table: consistent in itself, and the one source of the views that derive from it. */
import {
  ACCESS_LEVELS,
  ACCESS_LEVEL_TABLE,
  BUCKET_OWNER_FULL_CONTROL,
  GRANT_SID_SUFFIXES,
  S3_ACL_CONDITION_KEY,
  grantSids,
} from '../../modules/policy/access-levels';
import { isStackSid } from '../../modules/policy/current';
import { identitySideStatements, resourceSideStatements } from '../../modules/policy/grant';
import { KMS_READ_ACTIONS, KMS_WRITE_ACTIONS, kmsActions } from '../../modules/policy/kms';
import {
  S3_LIST_ACTIONS,
  S3_READ_OBJECT_ACTIONS,
  S3_WRITE_ACL_ACTIONS,
  S3_WRITE_OBJECT_ACTIONS,
  objectActions,
  reads,
  writes,
} from '../../modules/policy/s3';

const levels = ACCESS_LEVELS.map((level) => [level, ACCESS_LEVEL_TABLE[level]] as const);

test('the levels, in the order docs and errors list them', () => {
  expect(ACCESS_LEVELS).toEqual(['read', 'write', 'read-write']);
});

test("the action constants of s3.ts and kms.ts are the table's", () => {
  expect(S3_READ_OBJECT_ACTIONS).toEqual(ACCESS_LEVEL_TABLE.read.objectActions);
  expect(S3_WRITE_OBJECT_ACTIONS).toEqual(ACCESS_LEVEL_TABLE.write.objectActions);
  expect(S3_LIST_ACTIONS).toEqual(ACCESS_LEVEL_TABLE.read.listActions);
  expect(S3_WRITE_ACL_ACTIONS).toEqual(ACCESS_LEVEL_TABLE.write.aclActions);
  expect(KMS_READ_ACTIONS).toEqual(ACCESS_LEVEL_TABLE.read.kmsActions);
  expect(KMS_WRITE_ACTIONS).toEqual(ACCESS_LEVEL_TABLE.write.kmsActions);
});

test('read-write is read and write together', () => {
  const rw = ACCESS_LEVEL_TABLE['read-write'];
  const { read, write } = ACCESS_LEVEL_TABLE;
  expect(rw.objectActions).toEqual([...read.objectActions, ...write.objectActions]);
  expect(rw.listActions).toEqual([...read.listActions, ...write.listActions]);
  expect(rw.aclActions).toEqual([...read.aclActions, ...write.aclActions]);
  expect(new Set(rw.kmsActions)).toEqual(new Set([...read.kmsActions, ...write.kmsActions]));
});

describe.each(levels)('%s', (level, entry) => {
  test('reads and writes agree with the actions', () => {
    expect(reads(level)).toBe(entry.reads);
    expect(writes(level)).toBe(entry.writes);
    expect(entry.objectActions.includes('s3:GetObject')).toBe(entry.reads);
    expect(entry.listActions.length > 0).toBe(entry.reads);
    expect(entry.objectActions.includes('s3:PutObject')).toBe(entry.writes);
    expect(entry.aclActions.length > 0).toBe(entry.writes);
    expect(objectActions(level)).toEqual(entry.objectActions);
    expect(kmsActions(level)).toEqual(entry.kmsActions);
    // A writer's key actions contain a reader's (multipart uploads decrypt the data key).
    expect(entry.kmsActions).toEqual(expect.arrayContaining(ACCESS_LEVEL_TABLE.read.kmsActions));
  });

  test('its Sids: a listing Sid exactly when it lists, letters and digits only, each of the form current.ts knows', () => {
    expect(entry.sids.listing !== undefined).toBe(entry.listActions.length > 0);
    for (const sid of Object.values(entry.sids)) {
      expect(sid).toMatch(/^[A-Za-z0-9]+$/);
      expect(GRANT_SID_SUFFIXES).toContain(sid);
      expect(isStackSid(sid)).toBe(true);
      expect(isStackSid(`WorkloadA${sid}And2More`)).toBe(true);
    }
  });

  test('the grant statements carry its Sids', () => {
    const target = {
      partition: 'aws' as const,
      region: 'us-east-1',
      accountId: '222222222222',
      bucketArn: 'arn:aws:s3:::b',
      keyArn: 'arn:aws:kms:us-east-1:222222222222:key/k',
    };
    const spec = { sidPrefix: 'WorkloadA', access: level };
    const resource = resourceSideStatements(target, spec, 'arn:aws:iam::111111111111:role/R');
    const sids = grantSids(level, 'WorkloadA');
    expect([...resource.bucketPolicy, ...resource.keyPolicy].map((s) => s.Sid)).toEqual(
      [sids.objects, sids.listing, sids.key].filter((s) => s !== undefined),
    );
    const own = grantSids(level, '');
    expect(identitySideStatements(target, spec).map((s) => s.Sid)).toEqual(
      [own.objects, own.listing, own.key].filter((s) => s !== undefined),
    );
  });

  test("verify's expectations: allowed what the level grants, denied what only other levels get", () => {
    const { verify } = entry;
    expect(entry.objectActions).toEqual(expect.arrayContaining([...verify.objectActions]));
    expect(entry.listActions).toEqual(expect.arrayContaining([...verify.listActions]));
    expect(entry.kmsActions).toEqual(expect.arrayContaining([...verify.kmsActions]));
    for (const r of verify.otherLevels) {
      expect(r.expect).toBe('deny');
      expect([...entry.objectActions, ...entry.listActions]).not.toContain(r.action);
      expect(levels.some(([, other]) => [...other.objectActions, ...other.listActions].includes(r.action))).toBe(true);
    }
    // Only a writer's bucket-owner-full-control ACL passes.
    for (const r of verify.acl) {
      const allowed = entry.writes && r.context?.[S3_ACL_CONDITION_KEY] === BUCKET_OWNER_FULL_CONTROL;
      expect(r.expect).toBe(allowed ? 'allow' : 'deny');
    }
  });
});
