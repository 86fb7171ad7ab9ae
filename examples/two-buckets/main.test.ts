// Load the types of cdktf's jest matchers (toHaveResourceWithProperties, ...).
import 'cdktf/lib/testing/adapters/jest';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { Testing } from 'cdktf';
import { TwoBucketsStack } from './main';

Testing.setupJest();

describe('two buckets in one stack', () => {
  const stack = new TwoBucketsStack(Testing.app(), 'two-buckets');
  const synthesized = Testing.synth(stack, true);
  const json = JSON.parse(synthesized);

  test('both buckets are created, each protected from destroy', () => {
    expect(synthesized).toHaveResourceWithProperties(S3Bucket, { bucket: 'example-raw-share' });
    expect(synthesized).toHaveResourceWithProperties(S3Bucket, { bucket: 'example-curated-share' });
    for (const bucket of Object.values(json.resource.aws_s3_bucket as Record<string, any>)) {
      expect(bucket.lifecycle).toEqual({ prevent_destroy: true });
    }
  });

  test('each bucket has its own key and its own policies', () => {
    expect(Object.keys(json.resource.aws_kms_key)).toHaveLength(2);
    expect(Object.keys(json.resource.aws_s3_bucket_policy)).toHaveLength(2);
    expect(Object.keys(json.resource.aws_kms_key_policy)).toHaveLength(2);
  });

  test('the pipeline role is created once and gets one policy per bucket', () => {
    const roles = Object.values(json.resource.aws_iam_role as Record<string, any>).map((r) => r.name);
    expect(roles.sort()).toEqual(['DataPipeline', 'S3AccessFromPipelineCurated']);
    const names = Object.values(json.resource.aws_iam_role_policy as Record<string, any>).map((p) => p.name);
    expect(names.sort()).toEqual([
      'cross-account-s3-example-curated-share',
      'cross-account-s3-example-raw-share',
      's3-access-example-curated-share',
    ]);
  });
});
