/** Access point names are unique in an entry. */
import { ACCESS_POINT_NAME_DOC } from './access-point-name';
import { accessPointNameOf } from './derived-names';
import type { RuleProblem } from './rule';
import type { EntrySubject } from './subjects';

/**
 * In access-points mode, the consumers' access point names (given or derived) are unique: access
 * point names are unique per account and region.
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-points-restrictions-limitations-naming-rules.html
 */
export function checkUniqueAccessPointNames(
  entry: Pick<EntrySubject, 'accessMode' | 'owner' | 'consumers'>,
): RuleProblem[] {
  const { owner } = entry;
  if (entry.accessMode !== 'access-points' || !owner) return [];
  const problems: RuleProblem[] = [];
  const first = new Map<string, number>();
  entry.consumers.forEach((c, ci) => {
    if (!c) return;
    const apName = accessPointNameOf(c, owner.bucketName);
    const other = first.get(apName);
    if (other !== undefined) {
      problems.push({
        path: ['consumers', ci, c.accessPointName === undefined ? 'name' : 'accessPointName'],
        value: c.accessPointName ?? c.name,
        rule: `gives access point "${apName}", as consumers[${other}] does; access point names are unique per account and region (${ACCESS_POINT_NAME_DOC})`,
      });
    } else first.set(apName, ci);
  });
  return problems;
}
