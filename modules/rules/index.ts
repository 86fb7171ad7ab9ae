/**
 * Input rules, one per file (cdk-nag style), each naming the AWS documentation page it comes from.
 * The config file's schema and the construct props use these same rules, so a rule is written once:
 * single-value checks (`check…(value)`: the broken rule as text, or undefined), rules over several
 * fields (`check…(subject, context?)`: problems with paths relative to the subject) and warnings
 * (`warn…`: the same shape, for soft problems).
 */
export * from './access-point-name-mode';
export * from './access-point-name';
export * from './access-point-names-across-entries';
export * from './account-id';
export * from './adopt-key-arn';
export * from './adopt-key-multi-region';
export * from './adopted-bucket-new-key';
export * from './adopted-key-lockout';
export * from './ambient-credentials';
export * from './assume-role-options';
export * from './backend-credentials';
export * from './bucket-name-dots';
export * from './bucket-name';
export * from './consumer-account';
export * from './default-access-point-name';
export * from './derived-names';
export * from './existing-bucket-key';
export * from './delete-unversioned';
export * from './existing-owner-role-approach';
export * from './existing-owner-role-unconfined';
export * from './existing-role-session-options';
export * from './existing-role-trusted-principals';
export * from './external-id-guessable';
export * from './external-id-required';
export * from './external-id-reused';
export * from './external-id';
export * from './kms-key-account';
export * from './kms-key-alias';
export * from './kms-key-arn';
export * from './kms-key-encryption';
export * from './kms-key-partition';
export * from './kms-key-region';
export * from './list-writers';
export * from './logical-name';
export * from './one-provider-per-account';
export * from './owner-role-name-length';
export * from './permissions-boundary';
export * from './placeholder';
export * from './pod-identity-cluster-account';
export * from './pod-identity-cluster-partition';
export * from './pod-identity-empty';
export * from './pod-identity-trust';
export * from './pod-identity';
export * from './prefix';
export * from './prefixes-nested';
export * from './prefixes-unique';
export * from './principal';
export * from './provider-credentials';
export * from './provider-role-account';
export * from './provider-role-partition';
export * from './region';
export * from './role-arn';
export * from './role-chaining-duration';
export * from './role-name';
export * from './role-path';
export * from './rule';
export * from './service-account-namespace';
export * from './session-name';
export * from './session-options-no-effect';
export * from './session-tag-key';
export * from './session-tag-keys-unique';
export * from './shared-owner-role';
export * from './subjects';
export * from './trusted-principal-partition';
export * from './unique-access-point-names';
export * from './unique-consumer-names';
export * from './unique-roles';
export * from './unique-sids';
export * from './unique-stack-names';
export * from './versions-readers';
export * from './versions-unversioned';
