/** Listing for writers is an option of the `write` level only. */
import type { RuleProblem } from './rule';
import type { ConsumerSubject } from './subjects';

/**
 * `list` is for `"access": "write"`: the reading levels (`read`, `read-write`) list their prefixes
 * already, so the option would change nothing there.
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListObjectsV2.html
 */
export function checkListForWriters(consumer: Pick<ConsumerSubject, 'list' | 'access'>): RuleProblem[] {
  if (consumer.list !== true || consumer.access === 'write') return [];
  return [
    {
      path: ['list'],
      value: true,
      rule: `is only for "access": "write": the "${consumer.access}" level lists its prefixes already; remove "list"`,
    },
  ];
}
