/**
 * Example: two shared buckets in one stack, one granted directly and one through an owner-side
 * role. Logical ids derive from the construct path (`raw_bucket_…`, `curated_bucket_…`), so the
 * buckets do not collide. One consumer role is granted on both; it gets one policy per bucket.
 */
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { App, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { Grantee, SharedBucket } from 'cdktf-cross-account-s3';

export class TwoBucketsStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    const region = 'eu-central-1';
    const owner = new AwsProvider(this, 'owner', { alias: 'owner', region, allowedAccountIds: ['222222222222'] });
    const consumer = new AwsProvider(this, 'consumer', {
      alias: 'consumer',
      region,
      allowedAccountIds: ['111111111111'],
    });
    const common = { provider: owner, accountId: '222222222222', region };

    const raw = new SharedBucket(this, 'raw', { ...common, bucketName: 'example-raw-share' });
    const curated = new SharedBucket(this, 'curated', { ...common, bucketName: 'example-curated-share' });

    const pipeline = Grantee.newRole({
      provider: consumer,
      accountId: '111111111111',
      roleName: 'DataPipeline',
      trustedPrincipals: ['glue.amazonaws.com'],
    });
    raw.grantWrite(pipeline, { prefixes: ['landing/'] });
    curated.grantRead(pipeline, {
      name: 'pipeline-curated',
      assumeRole: { externalId: 'pipeline-curated-58d1c0e7a4' },
    });
  }
}

if (require.main === module) {
  const app = new App();
  new TwoBucketsStack(app, 'two-buckets');
  app.synth();
}
