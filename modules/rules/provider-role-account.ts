/** A deployment role is in the account it deploys into. */
import type { RuleProblem } from './rule';
import type { ProviderSubject } from './subjects';

/**
 * A provider's `assumeRoleArn` is a role of the account the provider deploys into (the owner's or
 * the consumer's `accountId`): the provider's `allowed_account_ids` pins that account.
 * https://registry.terraform.io/providers/hashicorp/aws/latest/docs#allowed_account_ids-1
 */
export function checkProviderRoleAccount(subject: {
  /** The account the provider deploys into, 12 digits. */
  readonly accountId: string;
  /**
   * The provider's settings.
   * @default undefined: the ambient credentials (nothing to check)
   */
  readonly provider?: ProviderSubject;
}): RuleProblem[] {
  const arn = subject.provider?.assumeRoleArn;
  if (arn === undefined) return [];
  const roleAccount = /^arn:[^:]+:iam::(\d{12}):/.exec(arn)?.[1];
  const account = subject.accountId;
  if (roleAccount === undefined || roleAccount === account) return [];
  return [
    {
      path: ['provider', 'assumeRoleArn'],
      value: arn,
      rule: `is a role of account ${roleAccount}, but this provider deploys into ${account} (allowed_account_ids pins it); name a deployment role of ${account}`,
    },
  ];
}
