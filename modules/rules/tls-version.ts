/** The bucket's minimum TLS version: 1.3 only. */
import type { RuleCheck } from './rule';

/** AWS's announcement that its endpoints require TLS 1.2. */
export const TLS_12_DOC = 'https://aws.amazon.com/blogs/security/tls-1-2-required-for-aws-endpoints/';

/**
 * `minimumTlsVersion` is `"1.3"`: AWS endpoints have required TLS 1.2 or later since 2024, so a
 * 1.2 minimum would deny nothing, and there is no later version.
 * https://aws.amazon.com/blogs/security/tls-1-2-required-for-aws-endpoints/
 */
export const checkMinimumTlsVersion: RuleCheck = (v) =>
  v === '1.3'
    ? undefined
    : `must be "1.3": AWS endpoints have required TLS 1.2 since 2024, so only 1.3 narrows anything (${TLS_12_DOC})`;
