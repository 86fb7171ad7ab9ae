/** The ARNs of a consumer's roles, from the config: the one place verify derives them. */
import type { ConsumerModel, StackModel } from '../config/schema';
import { partitionOf, roleArn } from '../policy/arn';

/** The consumer's own role (the workload's role) in its account. */
export function consumerRoleArn(model: StackModel, c: ConsumerModel): string {
  return roleArn(partitionOf(model.region), c.accountId, c.roleName, c.rolePath);
}

/** The owner-side role of the assume-role approach. */
export function ownerRoleArn(model: StackModel, c: ConsumerModel): string {
  return roleArn(partitionOf(model.region), model.owner.accountId, c.ownerRoleName, c.ownerRolePath);
}

/** The role that calls S3: the owner-side role (assume-role) or the consumer's role (direct). */
export function dataPlaneRoleArn(model: StackModel, c: ConsumerModel): string {
  return model.approach === 'assume-role' ? ownerRoleArn(model, c) : consumerRoleArn(model, c);
}
