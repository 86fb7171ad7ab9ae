/** The STS session name rule. */
import type { RuleCheck } from './rule';

/** STS session name: 2–64 characters of `[\w+=,.@-]`. */
export const checkSessionName: RuleCheck = (v) =>
  /^[\w+=,.@-]{2,64}$/.test(v)
    ? undefined
    : 'must be 2 to 64 characters of letters, digits and _+=,.@- (https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRole.html)';
