/** The explicit-provider rule fails synthesis for an AWS resource on the default provider. */
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { Testing } from 'cdktf';
import { requireExplicitProviders, resourcesWithoutProvider } from '../../modules/checks/explicit-provider';
import { CrossAccountS3Stack } from '../../modules/stacks/cross-account-stack';
import { defaultModel } from '../helpers';

describe('explicit provider rule', () => {
  test('a resource without provider fails Testing.synth(stack, true) with its path', () => {
    const app = Testing.app();
    const stack = new CrossAccountS3Stack(app, 'direct-access', { model: defaultModel('direct-access') });
    new S3Bucket(stack, 'stray', { bucket: 'stray-bucket' });
    expect(() => Testing.synth(stack, true)).toThrow(
      /aws_s3_bucket at direct-access\/stray has no explicit provider; with two accounts in one stack every AWS resource must name the provider of its account/,
    );
  });

  test('the stacks of both approaches pass it', () => {
    for (const name of ['direct-access', 'assume-role-access'] as const) {
      const app = Testing.app();
      const stack = new CrossAccountS3Stack(app, name, { model: defaultModel(name) });
      expect(resourcesWithoutProvider(stack)).toEqual([]);
    }
  });

  test('a resource with an explicit provider passes; non-AWS constructs are ignored', () => {
    const app = Testing.app();
    const stack = new CrossAccountS3Stack(app, 's', { model: defaultModel('direct-access') });
    const provider = new AwsProvider(stack, 'extra', { alias: 'extra', region: 'us-east-1' });
    new S3Bucket(stack, 'ok', { bucket: 'ok-bucket', provider });
    requireExplicitProviders(stack);
    expect(resourcesWithoutProvider(stack)).toEqual([]);
  });
});
