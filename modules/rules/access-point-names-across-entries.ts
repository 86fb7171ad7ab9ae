/** Access point names of different buckets do not collide. */
import { ACCESS_POINT_NAME_DOC } from './access-point-name';
import { accessPointNameOf } from './derived-names';
import { RuleProblem, formatPath } from './rule';
import type { ConfigSubject } from './subjects';

/**
 * Entries in access-points mode over different buckets of one owner account and region give
 * different access point names (unique per account and region). Entries over the same bucket are
 * alternatives and may repeat them.
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-points-restrictions-limitations-naming-rules.html
 */
export function checkAccessPointNamesAcrossEntries(config: ConfigSubject): RuleProblem[] {
  const problems: RuleProblem[] = [];
  const first = new Map<string, { bucket: string; path: string }>();
  config.stacks.forEach((stack, si) => {
    const { owner, region } = stack;
    if (stack.accessMode !== 'access-points' || !owner || region === undefined) return;
    stack.consumers.forEach((c, ci) => {
      if (!c) return;
      const apName = accessPointNameOf(c, owner.bucketName);
      const key = `${owner.accountId}/${region}/${apName}`;
      const elsewhere = first.get(key);
      if (elsewhere === undefined) {
        first.set(key, { bucket: owner.bucketName, path: formatPath(['stacks', si, 'consumers', ci]) });
      } else if (elsewhere.bucket !== owner.bucketName) {
        problems.push({
          path: ['stacks', si, 'consumers', ci, c.accessPointName === undefined ? 'name' : 'accessPointName'],
          value: c.accessPointName ?? c.name,
          rule: `gives access point "${apName}" in account ${owner.accountId} and ${region}, as ${elsewhere.path} does for bucket ${elsewhere.bucket}; names are unique per account and region (${ACCESS_POINT_NAME_DOC})`,
        });
      }
    });
  });
  return problems;
}
