/** Server access logging of the shared bucket: only for a bucket the stack manages, never into itself. */
import type { RuleProblem } from './rule';
import type { OwnerSubject } from './subjects';

/** The S3 page on server access logging. */
export const ACCESS_LOGS_DOC =
  'https://docs.aws.amazon.com/AmazonS3/latest/userguide/enable-server-access-logging.html';

/**
 * `owner.accessLogs` is for a bucket the stack manages (created or adopted): an existing bucket it
 * only grants on keeps its own logging. The log bucket is another bucket (logging a bucket into
 * itself logs its own log writes, without end), and the prefix does not start with `/`.
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/enable-server-access-logging.html
 */
export function checkAccessLogs(
  owner: Pick<OwnerSubject, 'accessLogs' | 'existingBucket' | 'bucketName'>,
): RuleProblem[] {
  const logs = owner.accessLogs;
  if (logs === undefined) return [];
  if (owner.existingBucket !== undefined && owner.existingBucket.adopt !== true) {
    return [
      {
        path: ['accessLogs'],
        value: logs,
        rule: 'is only for a bucket the stack manages: an existing bucket without "adopt": true keeps its own logging settings (adopt it, or set its logging where it is managed)',
      },
    ];
  }
  if (logs.bucket === owner.bucketName) {
    return [
      {
        path: ['accessLogs', 'bucket'],
        value: logs.bucket,
        rule: `is the shared bucket itself: its access logs would log their own writes; use another bucket of the owner account in the same region (${ACCESS_LOGS_DOC})`,
      },
    ];
  }
  if (logs.prefix !== undefined && Buffer.byteLength(logs.prefix, 'utf8') > 1024) {
    return [
      {
        path: ['accessLogs', 'prefix'],
        value: logs.prefix,
        rule: "must be at most 1,024 bytes: every log object's key starts with it, and S3 keys are at most 1,024 bytes (https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-keys.html)",
      },
    ];
  }
  if (logs.prefix?.startsWith('/')) {
    return [
      {
        path: ['accessLogs', 'prefix'],
        value: logs.prefix,
        rule: 'must not start with "/": S3 keys have no leading slash, and the logs would land under an empty first segment',
      },
    ];
  }
  return [];
}
