/** Warning: session options without an AWS principal to apply to. */
import type { RuleProblem } from './rule';
import type { ConsumerContext, ConsumerSubject } from './subjects';

/**
 * Warning: in the direct approach, `sessionTagKeys` and `sourceIdentity` of a created consumer role
 * apply to the AWS principals it trusts; when `trustedPrincipals` lists only services they do nothing.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/id_session-tags.html#id_session-tags_adding-assume-role
 */
export function warnSessionOptionsNoEffect(
  consumer: Pick<ConsumerSubject, 'existingRole' | 'trustedPrincipals' | 'sessionTagKeys' | 'sourceIdentity'>,
  context: Pick<ConsumerContext, 'approach'>,
): RuleProblem[] {
  // Without trustedPrincipals the role trusts the consumer account's root, an AWS principal.
  const trustsAwsPrincipals = (consumer.trustedPrincipals ?? ['arn:']).some((t) => t.startsWith('arn:'));
  if (context.approach !== 'direct' || consumer.existingRole || trustsAwsPrincipals) return [];
  const rule =
    'has no effect: in the direct approach it applies to the AWS principals the consumer role trusts, and "trustedPrincipals" lists only services';
  const problems: RuleProblem[] = [];
  if ((consumer.sessionTagKeys ?? []).length > 0) {
    problems.push({ path: ['sessionTagKeys'], value: consumer.sessionTagKeys, rule });
  }
  if (consumer.sourceIdentity) problems.push({ path: ['sourceIdentity'], value: consumer.sourceIdentity, rule });
  return problems;
}
