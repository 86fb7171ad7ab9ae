/** Key prefixes of grants and of state files. */
import type { RuleCheck } from './rule';

/** https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-keys.html */
export const PREFIX_DOC = 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-keys.html';

/**
 * A key prefix of a grant: not empty, no leading `/` (S3 keys have none), no `*` or `?`
 * (they are policy wildcards, not literal characters here), only the characters S3 calls safe
 * (letters, digits and `!-_.'()/`: others need escaping in URLs and JSON, and `<>&` grow six-fold
 * when the provider re-encodes the policy), at most 1,024 bytes.
 */
export const checkPrefix: RuleCheck = (v) => {
  if (v.length === 0) return `must not be empty; omit "prefixes" to grant the whole bucket (${PREFIX_DOC})`;
  if (v.startsWith('/')) return `must not start with "/": S3 keys have no leading slash (${PREFIX_DOC})`;
  if (/[*?]/.test(v)) return `must not contain the policy wildcards "*" or "?" (${PREFIX_DOC})`;
  if (/[${}]/.test(v)) {
    return 'must not contain "$", "{" or "}": in a policy they start a policy variable or a Terraform expression';
  }
  if (!/^[A-Za-z0-9!_.'()/-]*$/.test(v)) {
    return `may contain only letters, digits and the safe characters !-_.'()/ (${PREFIX_DOC}#object-key-guidelines-safe-characters)`;
  }
  if (Buffer.byteLength(v, 'utf8') > 1024) return `must be at most 1,024 bytes (${PREFIX_DOC})`;
  return undefined;
};

/** The key prefix of S3 state files: empty (the bucket's top level) or a prefix as {@link checkPrefix}. */
export const checkStateKeyPrefix: RuleCheck = (v) => (v === '' ? undefined : checkPrefix(v));

/** `reports` → `reports/`: a prefix names a folder-like level, so it ends with `/`. */
export function normalisePrefix(prefix: string): string {
  return prefix.endsWith('/') ? prefix : `${prefix}/`;
}
