/** The IAM role name rule. */
import type { RuleCheck } from './rule';

/** https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html#reference_iam-quotas-names */
export const IAM_NAMES_DOC =
  'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html#reference_iam-quotas-names';

/** Longest IAM role name, characters. */
export const ROLE_NAME_MAX = 64;

/**
 * IAM role name: 1–64 characters of `[A-Za-z0-9_+=,.@-]`.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html#reference_iam-quotas-names
 */
export const checkRoleName: RuleCheck = (v) =>
  v.length >= 1 && v.length <= ROLE_NAME_MAX && /^[\w+=,.@-]+$/.test(v)
    ? undefined
    : `must be 1 to ${ROLE_NAME_MAX} characters of letters, digits and _+=,.@- (${IAM_NAMES_DOC})`;
