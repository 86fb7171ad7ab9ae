// Load the types of cdktf's jest matchers (toHaveResourceWithProperties, ...).
import 'cdktf/lib/testing/adapters/jest';
import { Testing } from 'cdktf';
import { handoffsOf } from 'cdktf-cross-account-s3';
import { ExistingBucketStack } from './main';

Testing.setupJest();

describe('existing bucket and key', () => {
  const stack = new ExistingBucketStack(Testing.app(), 'existing-bucket');
  const json = JSON.parse(Testing.synth(stack, true));

  test('neither the bucket nor the key is created, and both are forgotten rather than destroyed', () => {
    expect(json.resource.aws_s3_bucket).toBeUndefined();
    expect(json.resource.aws_kms_key).toBeUndefined();
    expect(json.resource.aws_kms_key_policy).toBeUndefined();
    expect(json.removed.map((r: any) => r.lifecycle)).toEqual(json.removed.map(() => ({ destroy: false })));
  });

  test("the bucket policy keeps the current statements first and adds the grant's", () => {
    const policy = JSON.parse(Object.values(json.resource.aws_s3_bucket_policy as Record<string, any>)[0].policy);
    const sids = policy.Statement.map((s: any) => s.Sid);
    expect(sids[0]).toBe('AuditorsRead');
    expect(sids).toEqual(expect.arrayContaining(['AnalystReadObjects', 'AnalystListBucket']));
  });

  test("the key's owner gets the key-policy statements as a hand-off", () => {
    const [handoff] = handoffsOf(stack);
    expect(handoff.file).toBe('key-policy-statements-to-add.json');
    expect(handoff.document.Statement).toEqual([
      expect.objectContaining({
        Sid: 'AnalystUseBucketKey',
        Principal: { AWS: 'arn:aws:iam::111111111111:role/Analyst' },
        Action: 'kms:Decrypt',
      }),
    ]);
  });
});
