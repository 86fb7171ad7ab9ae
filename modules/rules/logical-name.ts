/** The consumer and stack name rule. */
import type { RuleCheck } from './rule';

/** A consumer or stack name: used in Terraform addresses, output names, Sids and STS session names (2+ characters). */
export const checkLogicalName: RuleCheck = (v) =>
  /^[A-Za-z][A-Za-z0-9-]{1,39}$/.test(v)
    ? undefined
    : 'must be 2 to 40 characters of letters, digits and hyphens, starting with a letter (it is used in Terraform addresses, Sids and STS session names)';
