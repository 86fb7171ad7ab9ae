/** Warning: a consumer may read older versions of a bucket the stack keeps unversioned. */
import { VERSIONING_DOC } from './delete-unversioned';
import type { RuleProblem } from './rule';
import type { EntrySubject } from './subjects';

/**
 * Warning: `versions` on a bucket the stack keeps unversioned (`"versioning": false`): its objects
 * have no older versions (only the `null` version), so the option grants nothing a consumer can
 * use. An existing bucket the stack does not adopt is not warned about: its versioning is unknown
 * here.
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/Versioning.html
 */
export function warnVersionsUnversioned(entry: Pick<EntrySubject, 'owner' | 'consumers'>): RuleProblem[] {
  const owner = entry.owner;
  if (owner === undefined || owner.versioning !== false) return [];
  if (owner.existingBucket !== undefined && owner.existingBucket.adopt !== true) return [];
  const rule = `reads older versions, but the bucket is not versioned ("owner.versioning": false), so its objects have none: turn versioning on, or remove "versions" (${VERSIONING_DOC})`;
  return entry.consumers.flatMap((c, ci) =>
    c?.versions === true ? [{ path: ['consumers', ci, 'versions'], value: true, rule }] : [],
  );
}
