/**
 * Example: grant on a bucket and a key that already exist and that this stack does not manage.
 * The stack writes the bucket policy (keeping the bucket's current statements) and the grantee's
 * identity policy; it never writes the key's policy, so the statements the key's owner must add
 * are a hand-off: `handoffsOf` returns them, `writeHandoffs` writes them next to the stack.
 */
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { App, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { Grantee, SharedBucket, parseCurrentPolicy, writeHandoffs } from 'cdktf-cross-account-s3';

/** The bucket's policy today (read it with `aws s3api get-bucket-policy`). */
const CURRENT_BUCKET_POLICY = JSON.stringify({
  Version: '2012-10-17',
  Statement: [
    {
      Sid: 'AuditorsRead',
      Effect: 'Allow',
      Principal: { AWS: 'arn:aws:iam::333333333333:role/Auditor' },
      Action: 's3:GetObject',
      Resource: 'arn:aws:s3:::example-legacy-data/*',
    },
  ],
});

export class ExistingBucketStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    const region = 'eu-west-1';
    const owner = new AwsProvider(this, 'owner', { alias: 'owner', region, allowedAccountIds: ['222222222222'] });
    const consumer = new AwsProvider(this, 'consumer', {
      alias: 'consumer',
      region,
      allowedAccountIds: ['111111111111'],
    });

    const current = parseCurrentPolicy(CURRENT_BUCKET_POLICY, 'arn:aws:s3:::example-legacy-data');
    if (current.statements === undefined) throw new Error(`current bucket policy: ${current.broken}`);
    const bucket = new SharedBucket(this, 'legacy', {
      provider: owner,
      accountId: '222222222222',
      region,
      bucketName: 'example-legacy-data',
      existingBucket: { adopt: false },
      currentBucketPolicy: { source: 'CURRENT_BUCKET_POLICY', statements: current.statements },
      existingKmsKeyArn: 'arn:aws:kms:eu-west-1:222222222222:key/1234abcd-12ab-34cd-56ef-1234567890ab',
    });
    bucket.grantRead(Grantee.existingRole({ provider: consumer, accountId: '111111111111', roleName: 'Analyst' }));
  }
}

if (require.main === module) {
  const app = new App();
  const stack = new ExistingBucketStack(app, 'existing-bucket');
  app.synth();
  for (const file of writeHandoffs(stack, app.outdir)) {
    process.stdout.write(`Statements for the key's owner to add to its key policy: ${file}\n`);
  }
}
