/** Ambient credentials sign in to one account only. */
import { providerClaims } from './one-provider-per-account';
import { RuleLocation, RuleProblem, formatPath } from './rule';
import type { EntrySubject } from './subjects';

/**
 * In a stack that is not split, at most one account signs in with the ambient credentials (no
 * `provider`): the same credentials cannot be two accounts, and `allowed_account_ids` stops the
 * second. Split entries give each account its own stack (and pipeline), where ambient credentials fit each.
 * https://registry.terraform.io/providers/hashicorp/aws/latest/docs#authentication-and-configuration
 */
export function checkAmbientCredentials(
  entry: Pick<EntrySubject, 'owner' | 'consumers' | 'split'>,
  location: RuleLocation = {},
): RuleProblem[] {
  const at = location.at ?? [];
  const problems: RuleProblem[] = [];
  const seen = new Set<string>();
  let ambient: { account: string; path: string } | undefined;
  for (const { account, provider, path } of providerClaims(entry)) {
    const firstOfAccount = !seen.has(account);
    seen.add(account);
    if (provider !== undefined || !firstOfAccount || entry.split) continue;
    if (ambient !== undefined && ambient.account !== account) {
      problems.push({
        path,
        value: undefined,
        rule: `is not set, and neither is ${ambient.path}: both accounts ${ambient.account} and ${account} would sign in with the same ambient credentials, and allowed_account_ids stops one of them; give each account a "profile" or an "assumeRoleArn"`,
      });
    } else ambient = { account, path: formatPath([...at, ...path]) };
  }
  return problems;
}
