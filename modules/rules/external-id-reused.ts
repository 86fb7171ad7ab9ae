/** Warning: two consumers with one external ID. */
import { EXTERNAL_ID_DOC } from './external-id';
import type { RuleProblem } from './rule';
import type { EntrySubject } from './subjects';

/**
 * Warning: each consumer has its own external ID (it is not a secret, but a shared one lets one
 * consumer's deputy act for another).
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_common-scenarios_third-party.html
 */
export function warnExternalIdReused(entry: Pick<EntrySubject, 'consumers'>): RuleProblem[] {
  const problems: RuleProblem[] = [];
  const first = new Map<string, number>();
  entry.consumers.forEach((c, ci) => {
    if (c?.externalId === undefined) return;
    const same = first.get(c.externalId);
    if (same !== undefined) {
      problems.push({
        path: ['consumers', ci, 'externalId'],
        value: c.externalId,
        rule: `is also the external ID of consumers[${same}]: give each consumer its own (${EXTERNAL_ID_DOC})`,
      });
    } else first.set(c.externalId, ci);
  });
  return problems;
}
