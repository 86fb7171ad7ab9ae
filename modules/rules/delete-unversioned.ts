/** Warning: a consumer may delete objects of a bucket without versioning. */
import type { RuleProblem } from './rule';
import type { EntrySubject } from './subjects';

/** The S3 page on versioning: a deleted object's versions stay, so it can be recovered. */
export const VERSIONING_DOC = 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/Versioning.html';

/**
 * Warning: `delete` on a bucket the stack keeps unversioned (`"versioning": false`). There a
 * delete removes the object for good; on a versioned bucket it adds a delete marker and the
 * object's versions stay (no option grants `s3:DeleteObjectVersion`).
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/DeletingObjectVersions.html
 */
export function warnDeleteUnversioned(entry: Pick<EntrySubject, 'owner' | 'consumers'>): RuleProblem[] {
  if (entry.owner?.versioning !== false) return [];
  return entry.consumers.flatMap((c, ci) =>
    c?.delete === true
      ? [
          {
            path: ['consumers', ci, 'delete'],
            value: true,
            rule: `lets this consumer remove objects for good: the bucket is not versioned ("owner.versioning": false), so a deleted object cannot be recovered; with versioning a delete only adds a delete marker (${VERSIONING_DOC})`,
          },
        ]
      : [],
  );
}
