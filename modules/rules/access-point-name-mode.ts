/** An access point name goes with access-points mode only. */
import type { RuleProblem } from './rule';
import type { ConsumerContext, ConsumerSubject } from './subjects';

/**
 * `accessPointName` is used only with `accessMode: access-points` (in bucket-policy mode no access
 * point is created).
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-points.html
 */
export function checkAccessPointNameMode(
  consumer: Pick<ConsumerSubject, 'accessPointName'>,
  context: Pick<ConsumerContext, 'accessMode'>,
): RuleProblem[] {
  if (consumer.accessPointName === undefined || context.accessMode === 'access-points') return [];
  return [
    {
      path: ['accessPointName'],
      value: consumer.accessPointName,
      rule: 'is used only with "accessMode": "access-points"; remove it, or set the mode',
    },
  ];
}
