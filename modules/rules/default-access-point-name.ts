/** The derived access point name is a valid one. */
import { checkAccessPointName } from './access-point-name';
import { defaultAccessPointName } from './derived-names';
import type { RuleProblem } from './rule';
import type { ConsumerContext, ConsumerSubject } from './subjects';

/**
 * In access-points mode, a consumer without `accessPointName` gets `<name>-<6 hex>`: that name
 * must pass {@link checkAccessPointName} too (a consumer name with capitals or over 43 characters
 * would not), else the consumer sets `accessPointName`.
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-points-restrictions-limitations-naming-rules.html
 */
export function checkDefaultAccessPointName(
  consumer: Pick<ConsumerSubject, 'name' | 'accessPointName'>,
  context: Pick<ConsumerContext, 'accessMode' | 'bucketName'>,
): RuleProblem[] {
  const { bucketName } = context;
  if (context.accessMode !== 'access-points' || bucketName === undefined) return [];
  if (consumer.accessPointName !== undefined) return [];
  const apName = defaultAccessPointName(consumer.name, bucketName);
  const broken = checkAccessPointName(apName);
  if (broken === undefined) return [];
  return [
    {
      path: ['name'],
      value: consumer.name,
      rule: `gives the access point name "${apName}", which ${broken}; set "accessPointName"`,
    },
  ];
}
