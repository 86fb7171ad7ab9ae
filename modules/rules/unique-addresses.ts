/** The Terraform addresses of an entry's role policies are unique. */
import { addressPart, roleAddressPart } from '../constructs/names';
import { RuleLocation, RuleProblem, formatPath } from './rule';
import type { EntrySubject } from './subjects';

/**
 * The inline role policies of an entry have one Terraform address each: `<consumer>_consumer_policy`,
 * `<consumer>_owner_policy` (assume-role) and, per additional role,
 * `<consumer>_consumer_policy_<role>` (the role name with `+=,.@` as `_`, see `roleAddressPart`).
 * An additional role's name can make its address another consumer's (`b_owner_policy` under
 * consumer `a` is consumer `a-consumer-policy-b`'s owner policy) or another additional role's
 * (`etl.batch` and `etl_batch`); two resources of one address would be one, and a role would
 * silently lose its policy. Claimed in order; a later claim of an address already claimed is the
 * problem.
 * https://developer.hashicorp.com/terraform/language/resources/syntax#resource-syntax
 */
export function checkUniqueAddresses(
  entry: Pick<EntrySubject, 'approach' | 'consumers'>,
  location: RuleLocation = {},
): RuleProblem[] {
  const at = location.at ?? [];
  const problems: RuleProblem[] = [];
  const first = new Map<string, string>();
  const claim = (address: string, path: readonly PropertyKey[], value: unknown) => {
    const other = first.get(address);
    if (other === undefined) {
      first.set(address, formatPath([...at, ...path]));
      return;
    }
    problems.push({
      path,
      value,
      rule: `gives the Terraform address aws_iam_role_policy.${address}, which ${other} gives already; one address is one resource, so a role would lose its policy: grant this role through another consumer, or rename the consumer (https://developer.hashicorp.com/terraform/language/resources/syntax#resource-syntax)`,
    });
  };
  entry.consumers.forEach((c, ci) => {
    if (!c || typeof c.name !== 'string') return;
    const consumer = addressPart(c.name);
    claim(`${consumer}_consumer_policy`, ['consumers', ci, 'name'], c.name);
    if (entry.approach === 'assume-role') claim(`${consumer}_owner_policy`, ['consumers', ci, 'name'], c.name);
    (c.additionalRoles ?? []).forEach((r, ri) => {
      if (typeof r?.roleName !== 'string') return;
      claim(
        `${consumer}_consumer_policy_${roleAddressPart(r.roleName)}`,
        ['consumers', ci, 'additionalRoles', ri, 'roleName'],
        r.roleName,
      );
    });
  });
  return problems;
}
