/** The S3 bucket naming rule. */
import type { RuleCheck } from './rule';

/** https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html */
export const BUCKET_NAME_DOC = 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html';

const BUCKET_RESERVED_PREFIXES = ['xn--', 'sthree-', 'amzn-s3-demo-'];
const BUCKET_RESERVED_SUFFIXES = ['-s3alias', '--ol-s3', '.mrap', '--x-s3', '--table-s3'];

/** S3 general-purpose bucket naming rules: 3–63 characters, `[a-z0-9.-]`, and the reserved forms. */
export const checkBucketName: RuleCheck = (v) => {
  const problems: string[] = [];
  if (v.length < 3 || v.length > 63) problems.push(`must be 3 to 63 characters long (is ${v.length})`);
  if (!/^[a-z0-9.-]*$/.test(v)) problems.push('may contain only lowercase letters, digits, dots and hyphens');
  if (!/^[a-z0-9]/.test(v) || !/[a-z0-9]$/.test(v)) problems.push('must begin and end with a letter or digit');
  if (v.includes('..')) problems.push('must not contain two adjacent dots');
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(v)) problems.push('must not be formatted as an IP address');
  for (const p of BUCKET_RESERVED_PREFIXES)
    if (v.startsWith(p)) problems.push(`must not start with the reserved prefix "${p}"`);
  for (const s of BUCKET_RESERVED_SUFFIXES)
    if (v.endsWith(s)) problems.push(`must not end with the reserved suffix "${s}"`);
  return problems.length === 0 ? undefined : `${problems.join('; ')} (${BUCKET_NAME_DOC})`;
};
