/**
 * Example: the direct approach. A role in the consumer account (111111111111) reads the `monthly/`
 * prefix of a bucket in the owner account (222222222222), encrypted with a new customer-managed key.
 * The consumer's role is named in the bucket policy and the key policy; its own identity policy
 * allows the same S3 and KMS actions. Two aliased providers put both accounts in one stack.
 */
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { App, TerraformOutput, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { Grantee, SharedBucket } from 'cdktf-cross-account-s3';

export class DirectShareStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    const region = 'eu-west-1';
    const owner = new AwsProvider(this, 'owner', { alias: 'owner', region, allowedAccountIds: ['222222222222'] });
    const consumer = new AwsProvider(this, 'consumer', {
      alias: 'consumer',
      region,
      allowedAccountIds: ['111111111111'],
    });

    const bucket = new SharedBucket(this, 'reports', {
      provider: owner,
      accountId: '222222222222',
      region,
      bucketName: 'example-reports-share',
    });
    const reader = Grantee.newRole({ provider: consumer, accountId: '111111111111', roleName: 'ReportsReader' });
    const grant = bucket.grantRead(reader, { prefixes: ['monthly/'] });

    new TerraformOutput(this, 'reader_role_arn', { value: grant.dataPlaneRoleArn });
  }
}

if (require.main === module) {
  const app = new App();
  new DirectShareStack(app, 'direct-share');
  app.synth();
}
