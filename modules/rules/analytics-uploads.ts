/** Warning: a writer's analytics option lists the unfinished uploads of the whole bucket. */
import type { RuleProblem } from './rule';
import type { EntrySubject } from './subjects';

/**
 * Warning: `analytics` on a consumer that writes and is limited to prefixes, in a bucket with other
 * consumers: `s3:ListBucketMultipartUploads` takes no `s3:prefix`, so the consumer sees the key
 * names of every unfinished upload in the bucket, other consumers' prefixes included.
 * https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazons3.html
 */
export function warnAnalyticsUploadsListing(entry: Pick<EntrySubject, 'consumers'>): RuleProblem[] {
  const others = entry.consumers.filter((c) => c !== undefined).length > 1;
  if (!others) return [];
  return entry.consumers.flatMap((c, ci) =>
    c?.analytics === true && c.access !== 'read' && (c.prefixes ?? []).length > 0
      ? [
          {
            path: ['consumers', ci, 'analytics'],
            value: true,
            rule: "lets this writer list the bucket's unfinished multipart uploads beyond its prefixes (s3:ListBucketMultipartUploads takes no s3:prefix): it sees the key names of other consumers' unfinished uploads (https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazons3.html)",
          },
        ]
      : [],
  );
}
