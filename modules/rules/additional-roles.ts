/** A consumer's additional roles are other roles of its account, each named once. */
import type { RuleProblem } from './rule';
import type { ConsumerSubject } from './subjects';

/**
 * Each of a consumer's `additionalRoles` is another role than the consumer's `roleName` and than
 * the other additional roles, compared case-insensitively as IAM compares role names (the path is
 * not part of a role's identity: one name is one role per account). A repeated role would be named
 * twice in one principal list and get two inline policies of one name.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html#reference_iam-quotas-names
 */
export function checkAdditionalRoles(consumer: Pick<ConsumerSubject, 'roleName' | 'additionalRoles'>): RuleProblem[] {
  const problems: RuleProblem[] = [];
  const seen = new Map<string, string>();
  if (typeof consumer.roleName === 'string') seen.set(consumer.roleName.toLowerCase(), 'roleName');
  (consumer.additionalRoles ?? []).forEach((r, i) => {
    if (typeof r?.roleName !== 'string') return;
    const key = r.roleName.toLowerCase();
    const other = seen.get(key);
    if (other !== undefined) {
      problems.push({
        path: ['additionalRoles', i, 'roleName'],
        value: r.roleName,
        rule: `is the role ${other} already names (role names are unique per account, case-insensitively); list each role once (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html#reference_iam-quotas-names)`,
      });
    } else seen.set(key, `additionalRoles[${i}].roleName`);
  });
  return problems;
}
