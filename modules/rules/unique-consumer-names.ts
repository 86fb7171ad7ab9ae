/** Consumer names are unique in an entry. */
import type { RuleProblem } from './rule';
import type { EntrySubject } from './subjects';

/**
 * Consumer names are unique in an entry, compared case-insensitively: they name Terraform
 * addresses, outputs and Sids.
 */
export function checkUniqueConsumerNames(entry: Pick<EntrySubject, 'consumers'>): RuleProblem[] {
  const problems: RuleProblem[] = [];
  const first = new Map<string, number>();
  entry.consumers.forEach((c, ci) => {
    if (!c) return;
    const earlier = first.get(c.name.toLowerCase());
    if (earlier !== undefined) {
      problems.push({
        path: ['consumers', ci, 'name'],
        value: c.name,
        rule: `is already the name of consumers[${earlier}]; consumer names must be unique in a stack`,
      });
    } else first.set(c.name.toLowerCase(), ci);
  });
  return problems;
}
