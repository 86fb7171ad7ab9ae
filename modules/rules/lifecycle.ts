/** The owner's lifecycle settings: only for a bucket the stack manages; an adopted bucket's current rules given. */
import type { RuleProblem } from './rule';
import type { EntrySubject, OwnerSubject } from './subjects';

/** The S3 page on lifecycle configurations. */
export const LIFECYCLE_DOC = 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-lifecycle-mgmt.html';

/**
 * `owner.lifecycle` sets at least one rule; it is for a bucket the stack manages (created or
 * adopted, not an existing bucket it only grants on); an adopted bucket's current rules are given
 * (`currentRulesFile`, null when it has none), because the stack's lifecycle configuration
 * replaces the bucket's whole configuration; a created bucket has none to give.
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutBucketLifecycleConfiguration.html
 */
export function checkLifecycle(owner: Pick<OwnerSubject, 'lifecycle' | 'existingBucket'>): RuleProblem[] {
  const lc = owner.lifecycle;
  if (lc === undefined) return [];
  if (lc.noncurrentVersionExpirationDays === undefined && lc.abortIncompleteMultipartUploadDays === undefined) {
    return [
      {
        path: ['lifecycle'],
        value: lc,
        rule: 'sets no rule: give "noncurrentVersionExpirationDays", "abortIncompleteMultipartUploadDays" or both',
      },
    ];
  }
  const days = (['noncurrentVersionExpirationDays', 'abortIncompleteMultipartUploadDays'] as const).filter(
    (k) => lc[k] !== undefined && !(Number.isInteger(lc[k]) && (lc[k] as number) >= 1),
  );
  if (days.length > 0) {
    return days.map((k) => ({
      path: ['lifecycle', k],
      value: lc[k],
      rule: 'must be a whole number of days, at least 1',
    }));
  }
  const existing = owner.existingBucket;
  if (existing !== undefined && existing.adopt !== true) {
    return [
      {
        path: ['lifecycle'],
        value: lc,
        rule: 'is only for a bucket the stack manages: an existing bucket without "adopt": true keeps its own lifecycle configuration (adopt it, or set its rules where it is managed)',
      },
    ];
  }
  if (existing !== undefined && lc.currentRulesFile === undefined) {
    return [
      {
        path: ['lifecycle', 'currentRulesFile'],
        value: undefined,
        rule: `is required for an adopted bucket: the stack's lifecycle configuration replaces the bucket's whole configuration, so its current rules are carried over; give the file aws s3api get-bucket-lifecycle-configuration --bucket <name> prints, or null when the bucket has none (${LIFECYCLE_DOC})`,
      },
    ];
  }
  if (existing === undefined && lc.currentRulesFile !== undefined) {
    return [
      {
        path: ['lifecycle', 'currentRulesFile'],
        value: lc.currentRulesFile,
        rule: 'is only for an adopted bucket: the stack creates this one, which has no rules yet',
      },
    ];
  }
  return [];
}

/**
 * Warning: a consumer may delete objects of a bucket whose noncurrent versions expire: the delete
 * marker keeps the object's versions only for `noncurrentVersionExpirationDays` days, then they are
 * gone for good.
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/DeletingObjectVersions.html
 */
export function warnDeleteWithExpiry(entry: Pick<EntrySubject, 'owner' | 'consumers'>): RuleProblem[] {
  const days = entry.owner?.lifecycle?.noncurrentVersionExpirationDays;
  if (days === undefined) return [];
  const rule = `lets this consumer delete objects whose versions expire: "owner.lifecycle.noncurrentVersionExpirationDays" is ${days}, so a deleted object is gone for good ${days} day(s) after the delete (${LIFECYCLE_DOC})`;
  return entry.consumers.flatMap((c, ci) =>
    c?.delete === true ? [{ path: ['consumers', ci, 'delete'], value: true, rule }] : [],
  );
}
