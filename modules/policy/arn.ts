import { createHash } from 'node:crypto';

/**
 * ARNs built from names, so policies are literal JSON that `terraform plan` shows in full.
 *
 * ARN format: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference-arns.html
 */

/** AWS partitions this module supports. */
export type Partition = 'aws' | 'aws-cn' | 'aws-us-gov';

/**
 * The partition a region belongs to: `cn-*` → `aws-cn`, `us-gov-*` → `aws-us-gov`, else `aws`.
 * https://docs.aws.amazon.com/whitepapers/latest/aws-fault-isolation-boundaries/partitions.html
 */
export function partitionOf(region: string): Partition {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}

/** DNS suffix of service endpoints in a partition (`amazonaws.com`, `amazonaws.com.cn` in China). */
export function dnsSuffixOf(partition: Partition): string {
  return partition === 'aws-cn' ? 'amazonaws.com.cn' : 'amazonaws.com';
}

/** `arn:<partition>:iam::<account>:root`: the account as a principal (any identity its IAM allows). */
export function accountRootArn(partition: Partition, accountId: string): string {
  return `arn:${partition}:iam::${accountId}:root`;
}

/**
 * `arn:<partition>:iam::<account>:role<path><name>`. The path starts and ends with `/`.
 * @default path `/`
 */
export function roleArn(partition: Partition, accountId: string, roleName: string, path = '/'): string {
  return `arn:${partition}:iam::${accountId}:role${path}${roleName}`;
}

/** `arn:<partition>:s3:::<bucket>` (S3 bucket ARNs have neither region nor account). */
export function bucketArn(partition: Partition, bucketName: string): string {
  return `arn:${partition}:s3:::${bucketName}`;
}

/**
 * Object ARNs a grant covers: `<bucketArn>/*` without prefixes, `<bucketArn>/<prefix>*` per prefix.
 * Prefixes are used as given (normalised by the config layer to end with `/`).
 */
export function objectArns(bucketArnValue: string, prefixes: readonly string[]): string[] {
  if (prefixes.length === 0) return [`${bucketArnValue}/*`];
  return prefixes.map((p) => `${bucketArnValue}/${p}*`);
}

/**
 * Parses a KMS ARN `arn:<partition>:kms:<region>:<account>:<resource>` (a key or an alias) of
 * the supported partitions; returns undefined for anything else.
 * https://docs.aws.amazon.com/kms/latest/developerguide/concepts.html#key-id
 */
export function parseKmsKeyArn(arn: string):
  | {
      /** `aws`, `aws-cn` or `aws-us-gov`. */
      partition: string;
      /** The key's region, `us-east-1`. */
      region: string;
      /** The key's account, 12 digits. */
      accountId: string;
      /** What follows the account: `key/<key-id>` or `alias/<name>`. */
      resource: string;
    }
  | undefined {
  const m = /^arn:(aws|aws-cn|aws-us-gov):kms:([a-z0-9-]+):(\d{12}):(.+)$/.exec(arn);
  if (!m) return undefined;
  return { partition: m[1], region: m[2], accountId: m[3], resource: m[4] };
}

/** `arn:<partition>:kms:<region>:<account>:key/<id>` → `<id>`, the key's bare ID. */
export function keyIdOf(keyArn: string): string {
  return keyArn.slice(keyArn.lastIndexOf('/') + 1);
}

/** Six hex digits of the SHA-256 of the bucket name: the suffix of default access point names. */
export function accessPointSuffix(bucketName: string): string {
  return createHash('sha256').update(bucketName).digest('hex').slice(0, 6);
}

/**
 * `arn:<partition>:s3:<region>:<account>:accesspoint/<name>`.
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-points-policies.html
 */
export function accessPointArn(partition: Partition, region: string, accountId: string, name: string): string {
  return `arn:${partition}:s3:${region}:${accountId}:accesspoint/${name}`;
}
