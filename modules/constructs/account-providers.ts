/**
 * One aliased AWS provider per account, so one stack can hold the owner and the consumer side.
 * https://registry.terraform.io/providers/hashicorp/aws/5.100.0/docs#argument-reference
 */
import { AwsProvider, AwsProviderConfig } from '@cdktf/provider-aws/lib/provider';
import { Construct } from 'constructs';
import type { ProviderSettings } from '../config/schema';
import { checkTags } from '../rules/tags';
import { PropsError } from './validate';

/**
 * `deploy`: sign in with the configured profile or deployment role and pin `allowed_account_ids`.
 * `offline`: fake static credentials and every skip flag, so `terraform plan` runs with no AWS
 * account (used by the end-to-end tests; never deploy with it, the credentials do not exist).
 */
export type ProviderMode = 'deploy' | 'offline';

/** Provider settings of the offline mode: fake credentials, no call to AWS before the plan. */
export const OFFLINE_PROVIDER_SETTINGS: Partial<AwsProviderConfig> = {
  accessKey: 'AKIAOFFLINEPLANONLY00',
  secretKey: 'offline-plan-only-not-a-real-secret',
  skipCredentialsValidation: true,
  skipRequestingAccountId: true,
  skipMetadataApiCheck: 'true',
  skipRegionValidation: true,
};

/** The provider alias of an account: `account_<12 digits>`. */
export function providerAlias(accountId: string): string {
  return `account_${accountId}`;
}

/** Props of {@link AccountProviders}. */
export interface AccountProvidersProps {
  /** Region of every provider (the bucket's region). */
  readonly region: string;
  /** @default 'deploy' */
  readonly mode?: ProviderMode;
  /**
   * Tags (key → value) every provider applies to every resource it creates or manages that takes
   * tags (its `default_tags`): adopted (imported) resources too, whose other tags Terraform removes.
   * https://registry.terraform.io/providers/hashicorp/aws/latest/docs/guides/resource-tagging
   * @default undefined: no default tags
   */
  readonly defaultTags?: Readonly<Record<string, string>>;
}

/** Creates and remembers the one provider of each account of a stack. */
export class AccountProviders extends Construct {
  private readonly providers = new Map<string, AwsProvider>();
  private readonly region: string;
  private readonly mode: ProviderMode;
  private readonly defaultTags?: Readonly<Record<string, string>>;

  /** @throws PropsError when a default tag breaks AWS's tag rules (see `checkTags`) */
  constructor(scope: Construct, id: string, props: AccountProvidersProps) {
    super(scope, id);
    this.region = props.region;
    this.mode = props.mode ?? 'deploy';
    const problems = checkTags({ tags: props.defaultTags });
    if (problems.length > 0) {
      throw new PropsError(
        `AccountProviders ${this.node.path}`,
        problems.map((p) => ({ path: ['defaultTags', ...p.path.slice(1)].join('.'), value: p.value, rule: p.rule })),
      );
    }
    // No tags is no default_tags block at all.
    this.defaultTags =
      props.defaultTags !== undefined && Object.keys(props.defaultTags).length > 0 ? props.defaultTags : undefined;
  }

  /**
   * The provider for an account, created on first use with `settings`.
   * @param settings profile or deployment role; @default the ambient credentials (environment, SSO, instance role)
   */
  forAccount(accountId: string, settings?: ProviderSettings): AwsProvider {
    const existing = this.providers.get(accountId);
    if (existing) return existing;
    const alias = providerAlias(accountId);
    const provider = new AwsProvider(this, alias, {
      alias,
      region: this.region,
      ...(this.mode === 'offline' ? OFFLINE_PROVIDER_SETTINGS : deploySettings(accountId, settings)),
      ...(this.defaultTags !== undefined ? { defaultTags: [{ tags: { ...this.defaultTags } }] } : {}),
    });
    this.providers.set(accountId, provider);
    return provider;
  }
}

function deploySettings(accountId: string, settings: ProviderSettings | undefined): Partial<AwsProviderConfig> {
  return {
    allowedAccountIds: [accountId],
    ...(settings?.profile !== undefined ? { profile: settings.profile } : {}),
    ...(settings?.assumeRoleArn !== undefined
      ? {
          assumeRole: [
            {
              roleArn: settings.assumeRoleArn,
              ...(settings.externalId !== undefined ? { externalId: settings.externalId } : {}),
              ...(settings.sessionName !== undefined ? { sessionName: settings.sessionName } : {}),
            },
          ],
        }
      : {}),
  };
}
