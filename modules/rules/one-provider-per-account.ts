/** One account, one provider per stack. */
import { RuleLocation, RuleProblem, formatPath } from './rule';
import type { EntrySubject, ProviderSubject } from './subjects';

/** One account a stack signs in to: its provider settings, and the field that gives them. */
export interface ProviderClaim {
  /** The account signed in to, 12 digits. */
  readonly account: string;
  /** Its provider settings; undefined: the ambient credentials. */
  readonly provider: ProviderSubject | undefined;
  /** Relative to the entry: `['owner', 'provider']` or `['consumers', i, 'provider']`. */
  readonly path: readonly PropertyKey[];
}

/** The accounts an entry signs in to, in order: the owner's, then each consumer's. */
export function providerClaims(entry: Pick<EntrySubject, 'owner' | 'consumers'>): ProviderClaim[] {
  const claims: ProviderClaim[] = [];
  if (entry.owner)
    claims.push({ account: entry.owner.accountId, provider: entry.owner.provider, path: ['owner', 'provider'] });
  entry.consumers.forEach((c, ci) => {
    if (c) claims.push({ account: c.accountId, provider: c.provider, path: ['consumers', ci, 'provider'] });
  });
  return claims;
}

/**
 * Every consumer of one account signs in the same way (one AWS provider per account and stack):
 * a later `provider` that differs from the first one given for its account is a problem.
 * https://developer.hashicorp.com/terraform/language/providers/configuration#alias-multiple-provider-configurations
 */
export function checkOneProviderPerAccount(
  entry: Pick<EntrySubject, 'owner' | 'consumers'>,
  location: RuleLocation = {},
): RuleProblem[] {
  const at = location.at ?? [];
  const problems: RuleProblem[] = [];
  const first = new Map<string, { json: string; path: string }>();
  for (const { account, provider, path } of providerClaims(entry)) {
    const json = JSON.stringify(provider ?? null);
    const other = first.get(account);
    if (other === undefined) first.set(account, { json, path: formatPath([...at, ...path]) });
    else if (other.json !== json) {
      problems.push({
        path,
        value: provider,
        rule: `differs from ${other.path}, which signs in to the same account ${account}; one account has one provider per stack`,
      });
    }
  }
  return problems;
}
