/** The IAM path rule. */
import type { RuleCheck } from './rule';
import { IAM_NAMES_DOC } from './role-name';

/**
 * IAM path: `/` or `/segment/…/`, at most 512 characters. IAM allows more characters, but the path
 * is part of the role ARN in policies, where `*` and `?` are wildcards and `${` a Terraform or
 * policy variable, so segments are limited to `[\w+=,.@-]`.
 */
export const checkRolePath: RuleCheck = (v) =>
  v.length <= 512 && /^\/([\w+=,.@-]+\/)*$/.test(v)
    ? undefined
    : `must be "/" or start and end with "/" (for example "/workloads/"), with segments of letters, digits and _+=,.@-, at most 512 characters (${IAM_NAMES_DOC})`;
