// Load the types of cdktf's jest matchers (toHaveResourceWithProperties, ...).
import 'cdktf/lib/testing/adapters/jest';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { Testing } from 'cdktf';
import { AssumeRoleShareStack } from './main';

Testing.setupJest();

describe('assume-role share', () => {
  const stack = new AssumeRoleShareStack(Testing.app(), 'assume-role-share');
  const synthesized = Testing.synth(stack, true);
  const json = JSON.parse(synthesized);
  const policies = (type: string) => Object.values(json.resource[type] as Record<string, any>);

  test('the owner-side role trusts the workload role only with the external ID', () => {
    expect(synthesized).toHaveResourceWithProperties(IamRole, {
      name: 'S3AccessFromExportWriter',
      provider: 'aws.owner',
    });
    const trust = JSON.parse(policies('aws_iam_role')[0].assume_role_policy);
    expect(trust.Statement[0].Principal).toEqual({ AWS: 'arn:aws:iam::111111111111:role/batch/ExportWriter' });
    expect(trust.Statement[0].Condition).toEqual({ StringEquals: { 'sts:ExternalId': 'export-writer-3f9c2a71b8e4' } });
  });

  test('only the owner-side role is named in the bucket and key policies', () => {
    for (const type of ['aws_s3_bucket_policy', 'aws_kms_key_policy']) {
      const doc = JSON.parse(policies(type)[0].policy);
      const named = doc.Statement.filter((s: any) => s.Effect === 'Allow' && s.Principal?.AWS !== undefined);
      const principals = new Set(named.map((s: any) => s.Principal.AWS));
      expect([...principals].filter((p) => String(p).includes('111111111111'))).toEqual([]);
    }
  });

  test('the workload role gets nothing but sts:AssumeRole of the owner-side role', () => {
    const consumerPolicy = policies('aws_iam_role_policy').find((p) => p.role === 'ExportWriter');
    const doc = JSON.parse(consumerPolicy.policy);
    expect(doc.Statement).toEqual([
      {
        Sid: 'AssumeOwnerAccountRole',
        Effect: 'Allow',
        Action: 'sts:AssumeRole',
        Resource: 'arn:aws:iam::222222222222:role/S3AccessFromExportWriter',
      },
    ]);
  });
});
