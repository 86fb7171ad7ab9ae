/**
 * cdktf-cross-account-s3: CDK for Terraform constructs that share an S3 bucket (and its KMS key)
 * of one AWS account with roles of other accounts, directly or through an owner-side role assumed
 * with an external ID. Named exports only; importing this module synthesizes nothing, writes no
 * file and never exits the process.
 *
 * The offline access proof (verify) is a separate entry point, `cdktf-cross-account-s3/verify`,
 * because it needs the AGPL-licensed `@cloud-copilot/iam-simulate` as the user's own dependency.
 */

// The owner side and the grants: the product.
export {
  SharedBucket,
  defaultGrantName,
  type SharedBucketProps,
  type GrantOptions,
  type AdoptKey,
  type AccessMode,
  type BucketEncryption,
} from './modules/constructs/shared-bucket';
export {
  DirectAccess,
  AssumeRoleAccess,
  consumerPolicyName,
  type BucketGrant,
  type ShareGrantProps,
  type DirectAccessProps,
  type AssumeRoleAccessProps,
  type AssumeRoleOptions,
} from './modules/constructs/grants';
export {
  Grantee,
  NewRoleGrantee,
  ExistingRoleGrantee,
  IamRoleGrantee,
  type IGrantee,
  type BoundGrantee,
  type GranteeBindContext,
  type NewRoleProps,
  type ExistingRoleProps,
  type IamRoleGranteeProps,
} from './modules/constructs/grantee';
export { RoleRef, type RoleRefProps } from './modules/constructs/consumer-role';
export { PropsError } from './modules/constructs/validate';
export type { GranteeSubject } from './modules/constructs/prop-rules';
export {
  AccountProviders,
  OFFLINE_PROVIDER_SETTINGS,
  providerAlias,
  type AccountProvidersProps,
  type ProviderMode,
} from './modules/constructs/account-providers';
export {
  handoffsOf,
  keyPolicyHandoff,
  logBucketPolicyHandoff,
  ownerTrustHandoff,
  writeHandoffs,
  type Handoff,
} from './modules/constructs/handoffs';
export { defaultAccessPointName, defaultOwnerRoleName } from './modules/rules/derived-names';
export { LEVEL_OPTIONS, type LevelOptions } from './modules/policy/access-levels';
export {
  LIFECYCLE_RULE_IDS,
  parseCurrentLifecycle,
  stackLifecycleRules,
  type CurrentLifecycle,
  type LifecycleSettings,
  type LifecycleRule,
  type LifecycleFilter,
  type LifecycleFilterAnd,
  type LifecycleWhen,
} from './modules/policy/lifecycle';
export { networkPerimeterStatement, type NetworkPerimeter } from './modules/policy/network';
export {
  organizationGrantStatements,
  type OrganizationGrantee,
  type OrganizationGrantSpec,
  type OrganizationGrantSide,
} from './modules/policy/org';
export { requireExplicitProviders } from './modules/checks/explicit-provider';

// The config app's layer: the JSON config and the stack built from one entry.
export {
  CrossAccountS3Stack,
  ConsumerAccountStack,
  type CrossAccountS3StackProps,
} from './modules/stacks/cross-account-stack';
export { loadConfig, CONFIG_ENV } from './modules/config/load';
export {
  parseConfig,
  entryStackNames,
  formatProblem,
  ConfigError,
  type ConfigModel,
  type ConfigProblem,
  type StackModel,
  type ConsumerModel,
  type OrganizationGrantModel,
  type ParseOptions,
} from './modules/config/schema';
export { DEFAULT_CONFIG } from './modules/config/default-config';

// The IAM knowledge: pure functions and types, no cdktf.
export {
  policyDocument,
  renderPolicy,
  type PolicyDocument,
  type Statement,
  type Principal,
  type Conditions,
} from './modules/policy/document';
export { ACCESS_LEVELS, type AccessLevel } from './modules/policy/s3';
export type { Partition } from './modules/policy/arn';
export {
  resourceSideStatements,
  identitySideStatements,
  type BucketTarget,
  type GrantSpec,
  type GrantScope,
  type ResourceSide,
  type KeyByAlias,
} from './modules/policy/grant';
export { type ChainedSessions, type PodIdentityConditions } from './modules/policy/trust';
export { type CurrentPolicy, type CurrentStatement, parseCurrentPolicy } from './modules/policy/current';

// Input rules, as the constructs and the config apply them.
export * as rules from './modules/rules';
