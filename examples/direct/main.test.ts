// Load the types of cdktf's jest matchers (toHaveResourceWithProperties, ...).
import 'cdktf/lib/testing/adapters/jest';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { S3BucketOwnershipControls } from '@cdktf/provider-aws/lib/s3-bucket-ownership-controls';
import { Testing } from 'cdktf';
import { DirectShareStack } from './main';

Testing.setupJest();

describe('direct share', () => {
  const stack = new DirectShareStack(Testing.app(), 'direct-share');
  // `true`: run the stack's validations too (policy sizes, Sid collisions, explicit providers).
  const synthesized = Testing.synth(stack, true);
  const json = JSON.parse(synthesized);
  const only = (type: string) => Object.values(json.resource[type] as Record<string, any>)[0];

  test('the bucket enforces bucket-owner ownership', () => {
    expect(synthesized).toHaveResourceWithProperties(S3BucketOwnershipControls, {
      rule: { object_ownership: 'BucketOwnerEnforced' },
    });
  });

  test("the consumer role is created in the consumer account's provider", () => {
    expect(synthesized).toHaveResourceWithProperties(IamRole, {
      name: 'ReportsReader',
      provider: 'aws.consumer',
    });
  });

  test('the bucket policy names the consumer role, for the monthly/ prefix only', () => {
    const policy = JSON.parse(only('aws_s3_bucket_policy').policy);
    const read = policy.Statement.find((s: any) => s.Sid === 'ReportsReaderReadObjects');
    expect(read.Principal).toEqual({ AWS: 'arn:aws:iam::111111111111:role/ReportsReader' });
    expect(read.Resource).toBe('arn:aws:s3:::example-reports-share/monthly/*');
  });

  test('the key policy lets the consumer role decrypt through S3 only', () => {
    const policy = JSON.parse(only('aws_kms_key_policy').policy);
    const use = policy.Statement.find((s: any) => s.Sid === 'ReportsReaderUseBucketKey');
    expect(use.Action).toBe('kms:Decrypt');
    expect(use.Condition.StringEquals['kms:ViaService']).toBe('s3.eu-west-1.amazonaws.com');
  });

  test("the consumer role's own policy allows S3 and KMS (both sides are needed across accounts)", () => {
    expect(synthesized).toHaveResourceWithProperties(IamRolePolicy, { name: 'cross-account-s3-example-reports-share' });
    const policy = JSON.parse(only('aws_iam_role_policy').policy);
    const actions = policy.Statement.flatMap((s: any) => [s.Action].flat());
    expect(actions).toEqual(expect.arrayContaining(['s3:GetObject', 's3:ListBucket', 'kms:Decrypt']));
  });
});
