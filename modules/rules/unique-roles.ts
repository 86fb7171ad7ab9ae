/** Role names are unique per account. */
import { ownerRoleNameOf } from './derived-names';
import { RuleLocation, RuleProblem, formatPath } from './rule';
import type { EntrySubject } from './subjects';

/**
 * The roles an entry names are unique per account, case-insensitively as IAM compares them: each
 * consumer's role and additional roles in its account and, in the assume-role approach, each owner role (`ownerRoleName`
 * or the derived `S3AccessFrom<Name>`) in the owner account. Claimed in order, consumer role then
 * owner role per consumer (a role repeated within one consumer's roles is left to
 * `checkAdditionalRoles`); a later claim of a name already claimed is the problem.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html#reference_iam-quotas-names
 */
export function checkUniqueRoles(
  entry: Pick<EntrySubject, 'approach' | 'owner' | 'consumers'>,
  location: RuleLocation = {},
): RuleProblem[] {
  const at = location.at ?? [];
  const problems: RuleProblem[] = [];
  const first = new Map<string, string>();
  const claimedBy = new Map<string, number>();
  const claim = (account: string, name: string, path: readonly PropertyKey[], value: unknown) => {
    const key = `${account}/${name.toLowerCase()}`;
    const other = first.get(key);
    // A role repeated within one consumer's roles is checkAdditionalRoles' problem.
    if (other !== undefined && path[2] === 'additionalRoles' && claimedBy.get(key) === path[1]) return;
    if (other !== undefined) {
      problems.push({
        path,
        value,
        rule: `gives role "${name}" in account ${account}, as ${other} does; role names are unique per account, case-insensitively (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html#reference_iam-quotas-names)`,
      });
    } else {
      first.set(key, formatPath([...at, ...path]));
      claimedBy.set(key, path[1] as number);
    }
  };
  const { owner } = entry;
  entry.consumers.forEach((c, ci) => {
    if (!c) return;
    claim(c.accountId, c.roleName, ['consumers', ci, 'roleName'], c.roleName);
    (c.additionalRoles ?? []).forEach((r, ri) => {
      if (typeof r?.roleName === 'string') {
        claim(c.accountId, r.roleName, ['consumers', ci, 'additionalRoles', ri, 'roleName'], r.roleName);
      }
    });
    if (entry.approach !== 'assume-role' || !owner) return;
    const field = c.ownerRoleName === undefined ? 'name' : 'ownerRoleName';
    claim(owner.accountId, ownerRoleNameOf(c), ['consumers', ci, field], c.ownerRoleName ?? c.name);
  });
  return problems;
}
