/**
 * Example: the assume-role approach (recommended). A role in the owner account holds the
 * permissions and is the only principal in the bucket and key policies; the consumer's existing
 * workload role may only assume it, with an external ID.
 */
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { App, TerraformOutput, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { Grantee, SharedBucket } from 'cdktf-cross-account-s3';

export class AssumeRoleShareStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    const region = 'us-east-1';
    const owner = new AwsProvider(this, 'owner', { alias: 'owner', region, allowedAccountIds: ['222222222222'] });
    const consumer = new AwsProvider(this, 'consumer', {
      alias: 'consumer',
      region,
      allowedAccountIds: ['111111111111'],
    });

    const bucket = new SharedBucket(this, 'exports', {
      provider: owner,
      accountId: '222222222222',
      region,
      bucketName: 'example-exports-share',
    });
    const workload = Grantee.fromRoleArn(consumer, 'arn:aws:iam::111111111111:role/batch/ExportWriter');
    const grant = bucket.grantReadWrite(workload, {
      name: 'export-writer',
      prefixes: ['exports/'],
      assumeRole: { externalId: 'export-writer-3f9c2a71b8e4' },
    });

    new TerraformOutput(this, 'role_to_assume', { value: grant.dataPlaneRoleArn });
  }
}

if (require.main === module) {
  const app = new App();
  new AssumeRoleShareStack(app, 'assume-role-share');
  app.synth();
}
