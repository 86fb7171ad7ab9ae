/**
 * The floor of the synth benchmark: the cost of loading cdktf and one deep-imported provider class,
 * synthesizing a one-resource stack. Run the same way as the app (`node --import tsx`).
 */
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { App, TerraformStack } from 'cdktf';

const app = new App();
const stack = new TerraformStack(app, 'floor');
const provider = new AwsProvider(stack, 'aws', { region: 'us-east-1' });
new S3Bucket(stack, 'bucket', { provider, bucket: 'floor-bucket' });
app.synth();
