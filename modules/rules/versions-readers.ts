/** Access to older versions is an option of the levels that read. */
import type { RuleProblem } from './rule';
import type { ConsumerSubject } from './subjects';

/**
 * `versions` is for a level that reads (`read`, `read-write`): it adds `s3:GetObjectVersion` and
 * `s3:ListBucketVersions`, reads of older versions, which a `write` consumer could not use (it reads
 * no current object either).
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetObject.html#API_GetObject_RequestSyntax
 */
export function checkVersionsForReaders(consumer: Pick<ConsumerSubject, 'versions' | 'access'>): RuleProblem[] {
  if (consumer.versions !== true || consumer.access !== 'write') return [];
  return [
    {
      path: ['versions'],
      value: true,
      rule: 'is only for a level that reads ("read" or "read-write"): it reads older versions, and a "write" consumer reads no object; use "read-write", or remove "versions"',
    },
  ];
}
