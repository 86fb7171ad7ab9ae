/** 200 consumers in access-points mode: the real terraform validates and plans them offline. */
import { accessPointsEntry } from '../fixtures';
import { modelOf } from '../helpers';
import { describeWithTerraform, initAndPlan, report, synthOffline } from './terraform';

describeWithTerraform('200 consumers through access points', () => {
  test('validate and plan: one access point, role and policy per consumer, in the right accounts', () => {
    // 200 consumers in 5 accounts: every account is one more provider process for Terraform.
    const model = modelOf(accessPointsEntry('direct', 200, 5));
    const dir = synthOffline([model], 'scale')[model.name];
    const plan = initAndPlan(dir);
    expect(plan.validation.error_count).toBe(0);
    const byType = new Map<string, number>();
    for (const r of plan.resource_changes) {
      expect(r.change.actions).toEqual(['create']);
      byType.set(r.type, (byType.get(r.type) ?? 0) + 1);
    }
    expect(Object.fromEntries(byType)).toEqual({
      aws_iam_role: 200,
      aws_iam_role_policy: 200,
      aws_kms_key: 1,
      aws_kms_key_policy: 1,
      aws_s3_access_point: 200,
      aws_s3_bucket: 1,
      aws_s3_bucket_ownership_controls: 1,
      aws_s3_bucket_policy: 1,
      aws_s3_bucket_public_access_block: 1,
      aws_s3_bucket_server_side_encryption_configuration: 1,
      aws_s3_bucket_versioning: 1,
    });
    const keys = new Map(plan.configuration.root_module.resources.map((r) => [r.address, r.provider_config_key]));
    expect(keys.get('aws_s3_access_point.team_199_access_point')).toBe('aws.account_222222222222');
    expect(keys.get('aws_iam_role.team_199_consumer_role')).toBe(`aws.account_${100000000000 + (199 % 5) * 7919}`);
    const ap = plan.resource_changes.find((r) => r.address === 'aws_s3_access_point.team_7_access_point')!;
    expect(JSON.parse(ap.change.after.policy as string).Statement[0].Principal).toEqual({
      AWS: `arn:aws:iam::${100000000000 + (7 % 5) * 7919}:role/Team7Role`,
    });
    report(`${model.name}: validated and planned, ${plan.resource_changes.length} resources, 200 access points`);
  }, 600_000);
});
