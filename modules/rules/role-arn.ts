/** The deployment role ARN rule. */
import type { RuleCheck } from './rule';
import { IAM_NAMES_DOC } from './role-name';

/** A role to assume for deployment: `arn:<partition>:iam::<12 digits>:role/<path><name>`. */
export const checkRoleArn: RuleCheck = (v) =>
  /^arn:(aws|aws-cn|aws-us-gov):iam::\d{12}:role\/([\w+=,.@-]+\/)*[\w+=,.@-]{1,64}$/.test(v)
    ? undefined
    : `must be a role ARN arn:<partition>:iam::<account>:role/<name> (${IAM_NAMES_DOC})`;
