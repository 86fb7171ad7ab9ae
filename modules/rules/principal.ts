/** The trusted principal rule. */
import type { RuleCheck } from './rule';

/** IAM principal ARN (`arn:<partition>:iam::<12 digits>:root|role/…|user/…`) or a service principal. */
export const checkPrincipal: RuleCheck = (v) => {
  if (/^AROA[A-Z0-9]+$/.test(v) || /^AIDA[A-Z0-9]+$/.test(v)) {
    return 'is a unique ID, not an ARN: name the principal by its ARN (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html#identifiers-unique-ids)';
  }
  if (/^arn:(aws|aws-cn|aws-us-gov):iam::\d{12}:(root|(role|user)\/([\w+=,.@-]+\/)*[\w+=,.@-]+)$/.test(v))
    return undefined;
  if (/^[a-z0-9.-]+\.amazonaws\.com(\.cn)?$/.test(v)) return undefined;
  return 'must be an IAM principal ARN (arn:aws:iam::<account>:root, :role/<name> or :user/<name>) or a service principal such as "lambda.amazonaws.com" (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html)';
};
