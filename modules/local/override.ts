/**
 * The Terraform override file of a local deploy (`npm run deploy:local`): every aliased AWS
 * provider of a synthesized stack is pointed at the local AWS emulator, and the state goes to a
 * local file beside the copy. Terraform merges `*_override.tf.json` files into the configuration
 * argument by argument; a nested block (`assume_role`, `endpoints`) replaces the original's.
 * https://developer.hashicorp.com/terraform/language/files/override
 */

/** The services a stack calls: S3 and S3 Control (buckets, access points), IAM, KMS, and STS (accounts). */
export const EMULATED_SERVICES = ['s3', 's3control', 'iam', 'kms', 'sts'] as const;

/** The file name of the override (Terraform reads every `*_override.tf.json` of the folder last). */
export const OVERRIDE_FILE = 'local_override.tf.json';

/** The state file of a local deploy, in the stack's copy. */
export const LOCAL_STATE_FILE = 'terraform.tfstate';

/** A synthesized stack as far as the override reads it: its AWS providers. */
export interface SynthesizedStack {
  /**
   * The providers: `aws` holds one block per aliased provider (`account_<12 digits>`).
   * @default undefined: no provider (nothing to point at the emulator)
   */
  readonly provider?: {
    /**
     * The AWS provider blocks.
     * @default undefined: none
     */
    readonly aws?: ReadonlyArray<Record<string, unknown>>;
  };
}

/**
 * The account an aliased provider deploys into: its `allowed_account_ids` (the stack sets exactly
 * one), else the 12 digits of its alias `account_<id>`.
 * @throws Error when the provider names no account (a stack this project did not write)
 */
export function providerAccount(provider: Record<string, unknown>): string {
  const allowed = provider.allowed_account_ids;
  if (Array.isArray(allowed) && allowed.length === 1 && typeof allowed[0] === 'string') return allowed[0];
  const alias = typeof provider.alias === 'string' ? /^account_(\d{12})$/.exec(provider.alias) : null;
  if (alias) return alias[1];
  throw new Error(
    `provider ${JSON.stringify(provider.alias ?? '(default)')} names no account: neither one allowed_account_ids entry nor an alias account_<12 digits>`,
  );
}

/**
 * The override document of one stack for an emulator at `endpoint` (`http://127.0.0.1:<port>`).
 * Per aliased provider: the emulator's endpoints, path-style S3 (a virtual-hosted bucket name in
 * front of `127.0.0.1` would not resolve, and a plan would silently show the bucket as new), fixed
 * test credentials instead of the profile, and an `assume_role` of a role in the provider's
 * account: the emulator's STS answers `GetCallerIdentity` with the account of the role assumed, so
 * each resource lands in its account and `allowed_account_ids` still checks it. The backend
 * becomes a local state file in the copy, whatever the stack's backend (local or S3).
 * @param endpoint the emulator's base URL
 * @throws Error when a provider names no account (see {@link providerAccount})
 */
export function localOverride(stack: SynthesizedStack, endpoint: string): Record<string, unknown> {
  const providers = (stack.provider?.aws ?? []).map((p) => {
    const account = providerAccount(p);
    return {
      ...(p.alias !== undefined ? { alias: p.alias } : {}),
      profile: null,
      access_key: 'local-deploy',
      secret_key: 'local-deploy',
      token: null,
      s3_use_path_style: true,
      skip_metadata_api_check: 'true',
      skip_region_validation: true,
      endpoints: [Object.fromEntries(EMULATED_SERVICES.map((service) => [service, endpoint]))],
      assume_role: [{ role_arn: `arn:aws:iam::${account}:role/local-deploy`, session_name: 'local-deploy' }],
    };
  });
  return {
    ...(providers.length > 0 ? { provider: { aws: providers } } : {}),
    terraform: { backend: { local: { path: LOCAL_STATE_FILE } } },
  };
}
