/**
 * A first command that works for a consumer's grant, for the output descriptions: a listing of
 * the bucket's top level fails for a consumer limited to prefixes (it may list only inside them),
 * always for a write-only consumer without the `list` option (it never lists), and for any consumer in `access-points` mode
 * (a request by bucket name bypasses the access point, whose policy holds the grant).
 */
import { AccessLevel, LevelOptions, levelOptionsOf, levelWith } from '../policy/access-levels';
import type { NetworkPerimeter } from '../policy/network';

/** What the hint needs to know of a consumer (its level and access options) and where its requests go. */
export interface HintTarget extends LevelOptions {
  /**
   * The consumer's network perimeter: the hint then says where it runs.
   * @default undefined: from anywhere
   */
  readonly network?: NetworkPerimeter;
  /** The access level (`read`, `write` or `read-write`). */
  readonly access: AccessLevel;
  /** The consumer's key prefixes (each ending in `/`); empty for the whole bucket. */
  readonly prefixes: readonly string[];
  /** The bucket's name. */
  readonly bucketName: string;
  /**
   * The consumer's access point ARN (`access-points` mode): the AWS CLI takes it where a bucket
   * name goes (`s3://arn:aws:s3:<region>:<account>:accesspoint/<name>/`).
   * https://docs.aws.amazon.com/AmazonS3/latest/userguide/using-access-points.html
   * @default undefined: requests go to the bucket by name
   */
  readonly accessPointArn?: string;
}

/**
 * One AWS CLI command that the grant allows: a listing of the first granted prefix (or of the
 * whole bucket), through the access point in `access-points` mode; for a write-only consumer
 * without the `list` option, a sentence saying it cannot list and an upload into the first
 * granted prefix.
 * @param profile the `--profile` the command runs with
 */
export function accessHint(target: HintTarget, profile: string): string {
  const where = `s3://${target.accessPointArn ?? target.bucketName}/${target.prefixes[0] ?? ''}`;
  const n = target.network;
  const inside =
    n === undefined
      ? ''
      : ` (run it inside the consumer's network, through ${[...(n.vpcEndpoints ?? []), ...(n.vpcs ?? [])].join(' or ')}: requests from elsewhere are refused)`;
  if (levelWith(target.access, levelOptionsOf(target)).listActions.length > 0)
    return `aws s3 ls ${where} --profile ${profile}${inside}`;
  return `this consumer cannot list (write-only); it can upload: aws s3 cp ./hello.txt ${where}hello.txt --profile ${profile}${inside}`;
}
