/** The session tag key rule. */
import type { RuleCheck } from './rule';

/** https://docs.aws.amazon.com/IAM/latest/UserGuide/id_session-tags.html#id_session-tags_know */
export const SESSION_TAGS_DOC =
  'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_session-tags.html#id_session-tags_know';

/** At most 50 session tags may be passed. */
export const SESSION_TAGS_MAX = 50;

/** A session tag key: 1–128 characters of letters, digits, spaces and `_.:/=+-@`, not starting with `aws:`. */
export const checkSessionTagKey: RuleCheck = (v) => {
  if (!/^[\p{L}\p{Z}\p{N}_.:/=+\-@]{1,128}$/u.test(v)) {
    return `must be 1 to 128 characters of letters, digits, spaces and _.:/=+-@ (${SESSION_TAGS_DOC})`;
  }
  if (v.toLowerCase().startsWith('aws:')) return `must not start with the reserved prefix "aws:" (${SESSION_TAGS_DOC})`;
  return undefined;
};
