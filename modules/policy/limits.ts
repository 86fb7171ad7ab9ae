/**
 * AWS size limits of the policies this module writes, each with its documentation page, and how
 * AWS counts them. Measured on the rendered document with real-length ARNs, never on `${…}`
 * references (a reference is shorter than the ARN it becomes).
 */
/** How a limit counts a document. */
export type SizeUnit = 'bytes' | 'characters';

/** One limit. */
export interface PolicyLimit {
  readonly name: string;
  readonly max: number;
  readonly unit: SizeUnit;
  /** IAM does not count whitespace; S3 and KMS count the document as sent. */
  readonly ignoresWhitespace: boolean;
  readonly doc: string;
}

/** Bucket policy: 20 KB, counted as sent. */
export const BUCKET_POLICY_LIMIT: PolicyLimit = {
  name: 'bucket policy',
  max: 20_480,
  unit: 'bytes',
  ignoresWhitespace: false,
  doc: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucket-policies.html',
};

/**
 * Access point policy: AWS documents no size of its own for it; the bucket policy's 20 KB is
 * assumed (an access point policy is a bucket-style resource policy).
 */
export const ACCESS_POINT_POLICY_LIMIT: PolicyLimit = {
  ...BUCKET_POLICY_LIMIT,
  name: 'access point policy (the bucket policy limit, assumed)',
  doc: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-points-policies.html',
};

/** Key policy: 32 KB, counted as sent. */
export const KEY_POLICY_LIMIT: PolicyLimit = {
  name: 'key policy',
  max: 32_768,
  unit: 'bytes',
  ignoresWhitespace: false,
  doc: 'https://docs.aws.amazon.com/kms/latest/developerguide/resource-limits.html#key-policy-limit',
};

/** Role trust policy: 2,048 characters by default; an account can have the quota raised (to 8,192 at most). */
export const TRUST_POLICY_DEFAULT_MAX = 2_048;
export const TRUST_POLICY_QUOTA_MAX = 8_192;
export function trustPolicyLimit(max = TRUST_POLICY_DEFAULT_MAX): PolicyLimit {
  return {
    name: 'trust policy',
    max,
    unit: 'characters',
    ignoresWhitespace: true,
    doc: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html#reference_iam-quotas-entity-length',
  };
}

/** All inline policies of one role together: 10,240 characters. */
export const ROLE_INLINE_POLICIES_LIMIT: PolicyLimit = {
  name: "total of the role's inline policies",
  max: 10_240,
  unit: 'characters',
  ignoresWhitespace: true,
  doc: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html#reference_iam-quotas-entity-length',
};

/** One managed policy: 6,144 characters (the module writes inline policies; kept for callers). */
export const MANAGED_POLICY_LIMIT: PolicyLimit = {
  name: 'managed policy',
  max: 6_144,
  unit: 'characters',
  ignoresWhitespace: true,
  doc: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html#reference_iam-quotas-entity-length',
};

/**
 * The text AWS receives: the AWS provider re-encodes every policy with Go's JSON encoder, which
 * writes `<`, `>`, `&`, U+2028 and U+2029 as six-character `\uXXXX` escapes.
 */
function asSent(json: string): string {
  return json.replace(/[<>&\u2028\u2029]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Removes whitespace outside JSON strings. */
function withoutWhitespace(json: string): string {
  return JSON.stringify(JSON.parse(json));
}

/**
 * Size of a rendered document (or several, for a total) as the limit counts it.
 * @param rendered JSON text with real-length ARNs in place of references
 */
export function policySize(rendered: string | readonly string[], limit: PolicyLimit): number {
  const texts = typeof rendered === 'string' ? [rendered] : rendered;
  return texts
    .map((t) => asSent(limit.ignoresWhitespace ? withoutWhitespace(t) : t))
    .reduce((sum, t) => sum + (limit.unit === 'bytes' ? Buffer.byteLength(t, 'utf8') : [...t].length), 0);
}

/** The error text for a document over its limit, or undefined when it fits. */
export function checkPolicySize(
  what: string,
  rendered: string | readonly string[],
  limit: PolicyLimit,
): string | undefined {
  const size = policySize(rendered, limit);
  if (size <= limit.max) return undefined;
  return `${what}: the ${limit.name} is ${size.toLocaleString('en-US')} ${limit.unit}, over the limit of ${limit.max.toLocaleString('en-US')} ${limit.unit} by ${(size - limit.max).toLocaleString('en-US')} (${limit.doc})`;
}
