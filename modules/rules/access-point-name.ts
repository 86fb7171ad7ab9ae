/** The access point name rule. */
import type { RuleCheck } from './rule';

/** https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-points-restrictions-limitations-naming-rules.html */
export const ACCESS_POINT_NAME_DOC =
  'https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-points-restrictions-limitations-naming-rules.html';

/** Access point name: 3–50 characters of `[a-z0-9-]`, starting and ending with a letter or digit. */
export const checkAccessPointName: RuleCheck = (v) => {
  if (!/^[a-z0-9]([a-z0-9-]{1,48})[a-z0-9]$/.test(v)) {
    return `must be 3 to 50 characters of lowercase letters, digits and hyphens, starting and ending with a letter or digit (${ACCESS_POINT_NAME_DOC})`;
  }
  if (v.startsWith('xn--') || v.endsWith('-s3alias')) {
    return `must not start with "xn--" or end with "-s3alias" (${ACCESS_POINT_NAME_DOC})`;
  }
  return undefined;
};
