/** Warning: a bucket name with dots. */
import type { RuleProblem } from './rule';
import type { OwnerSubject } from './subjects';

/**
 * Warning: a bucket name with dots is valid, but TLS certificates do not match its
 * virtual-hosted-style addresses, so clients need path-style requests.
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html
 */
export function warnBucketNameDots(owner: Pick<OwnerSubject, 'bucketName'>): RuleProblem[] {
  if (!owner.bucketName.includes('.')) return [];
  return [
    {
      path: ['bucketName'],
      value: owner.bucketName,
      rule: 'contains dots: TLS certificates do not match virtual-hosted-style addresses of such buckets; clients need path-style requests (https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html)',
    },
  ];
}
