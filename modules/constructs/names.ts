/**
 * Terraform names the constructs and stacks write and `verify` reads back from the synthesized
 * JSON: kept in one place, and free of cdktf imports so that verify loads no provider classes.
 */

/** Terraform-address form of a consumer name: `workload-a` → `workload_a`. */
export function addressPart(name: string): string {
  return name.replace(/-/g, '_');
}

/**
 * Terraform-address form of a role name, for the addresses of an additional role's resources
 * (`<consumer>_consumer_policy_<role>`): the characters IAM allows in a role name and Terraform
 * does not in an identifier (`+=,.@`) become `_` (`etl.batch` → `etl_batch`); case is kept.
 */
export function roleAddressPart(roleName: string): string {
  return roleName.replace(/[^A-Za-z0-9_-]/g, '_');
}

/** The output with the key-policy statements the owner of an existing key must add. */
export const KEY_POLICY_HANDOFF_OUTPUT = 'key_policy_statements_to_add';

/** The output with the statement the log bucket's policy needs for the server access logs. */
export const LOG_BUCKET_POLICY_HANDOFF_OUTPUT = 'log_bucket_policy_statements_to_add';

/** The output with the trust statement the existing owner role of consumer `consumerName` needs. */
export function ownerTrustHandoffOutput(consumerName: string): string {
  return `${addressPart(consumerName)}_owner_role_trust_statements_to_add`;
}
