/** The ARNs of a consumer's roles, from the config: the one place verify derives them. */
import type { ConsumerModel, StackModel } from '../config/schema';
import { partitionOf, roleArn } from '../policy/arn';

/** The consumer's own role (the workload's role) in its account. */
export function consumerRoleArn(model: StackModel, c: ConsumerModel): string {
  return roleArn(partitionOf(model.region), c.accountId, c.roleName, c.rolePath);
}

/** The consumer's additional roles (`additionalRoles`), existing roles of its account, in order. */
export function additionalRoleArns(model: StackModel, c: ConsumerModel): string[] {
  return c.additionalRoles.map((r) => roleArn(partitionOf(model.region), c.accountId, r.roleName, r.rolePath));
}

/** The consumer's role and its additional roles: the roles of its account that get its grant. */
export function consumerRoleArns(model: StackModel, c: ConsumerModel): string[] {
  return [consumerRoleArn(model, c), ...additionalRoleArns(model, c)];
}

/** The owner-side role of the assume-role approach. */
export function ownerRoleArn(model: StackModel, c: ConsumerModel): string {
  return roleArn(partitionOf(model.region), model.owner.accountId, c.ownerRoleName, c.ownerRolePath);
}

/** The role that calls S3: the owner-side role (assume-role) or the consumer's role (direct). */
export function dataPlaneRoleArn(model: StackModel, c: ConsumerModel): string {
  return model.approach === 'assume-role' ? ownerRoleArn(model, c) : consumerRoleArn(model, c);
}

/**
 * The roles that call S3 with the consumer's grant: the owner-side role (assume-role), or the
 * consumer's role and its additional roles (direct).
 */
export function dataPlaneRoleArns(model: StackModel, c: ConsumerModel): string[] {
  return model.approach === 'assume-role' ? [ownerRoleArn(model, c)] : consumerRoleArns(model, c);
}
