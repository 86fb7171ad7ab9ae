/** Warning: a short or guessable external ID. */
import { ownerRoleNameOf } from './derived-names';
import { EXTERNAL_ID_DOC } from './external-id';
import type { RuleProblem } from './rule';
import type { ConsumerContext, ConsumerSubject } from './subjects';

/** Short or guessable external IDs: it is not a secret, but it should be unique per consumer. */
const GUESSABLE_EXTERNAL_ID = /^(external[-_]?id|test|secret|password|changeme|default|example|demo|123456.*)$/i;

/**
 * Warning: an external ID is 16 or more characters and not guessable (a common word, or one of the
 * consumer's or owner's account IDs and role names).
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_common-scenarios_third-party.html
 */
export function warnExternalIdGuessable(
  consumer: Pick<ConsumerSubject, 'externalId' | 'accountId' | 'name' | 'roleName' | 'ownerRoleName'>,
  context: Pick<ConsumerContext, 'ownerAccountId'>,
): RuleProblem[] {
  const id = consumer.externalId;
  if (id === undefined) return [];
  const known = [
    consumer.accountId,
    context.ownerAccountId,
    consumer.name,
    consumer.roleName,
    ownerRoleNameOf(consumer),
  ];
  const guessable =
    GUESSABLE_EXTERNAL_ID.test(id) || known.some((v) => v !== undefined && v.toLowerCase() === id.toLowerCase());
  if (id.length >= 16 && !guessable) return [];
  return [
    {
      path: ['externalId'],
      value: id,
      rule: `is ${guessable ? 'guessable' : `short (${id.length} characters)`}: use a unique value of 16 or more characters per consumer, e.g. a UUID (${EXTERNAL_ID_DOC})`,
    },
  ];
}
