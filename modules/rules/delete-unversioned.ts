/** Warning: a consumer may delete objects of a bucket without versioning. */
import type { RuleProblem } from './rule';
import type { EntrySubject } from './subjects';

/** The S3 page on versioning: a deleted object's versions stay, so it can be recovered. */
export const VERSIONING_DOC = 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/Versioning.html';

/**
 * Warning: `delete` on a bucket that may be unversioned. On an unversioned bucket a delete removes
 * the object for good; on a versioned one it adds a delete marker and the object's versions stay
 * (no option grants `s3:DeleteObjectVersion`). Two cases: the stack keeps the bucket unversioned
 * (`"versioning": false`), or the bucket exists and the stack does not adopt it, so it does not
 * manage its versioning at all (then `versioning` says nothing about the bucket).
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/DeletingObjectVersions.html
 */
export function warnDeleteUnversioned(entry: Pick<EntrySubject, 'owner' | 'consumers'>): RuleProblem[] {
  const owner = entry.owner;
  if (owner === undefined) return [];
  const unmanaged = owner.existingBucket !== undefined && owner.existingBucket.adopt !== true;
  if (!unmanaged && owner.versioning !== false) return [];
  const rule = unmanaged
    ? `lets this consumer delete objects of an existing bucket whose versioning the stack does not manage (it does not adopt the bucket): check that the bucket is versioned, or a deleted object cannot be recovered (${VERSIONING_DOC})`
    : `lets this consumer remove objects for good: the bucket is not versioned ("owner.versioning": false), so a deleted object cannot be recovered; with versioning a delete only adds a delete marker (${VERSIONING_DOC})`;
  return entry.consumers.flatMap((c, ci) =>
    c?.delete === true ? [{ path: ['consumers', ci, 'delete'], value: true, rule }] : [],
  );
}
