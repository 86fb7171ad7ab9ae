/** Session tag keys are listed once. */
import type { RuleProblem } from './rule';
import { SESSION_TAGS_DOC } from './session-tag-key';
import type { ConsumerSubject } from './subjects';

/**
 * Each of `sessionTagKeys` is listed once, compared case-insensitively as STS compares tag keys.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/id_session-tags.html#id_session-tags_know
 */
export function checkSessionTagKeysUnique(consumer: Pick<ConsumerSubject, 'sessionTagKeys'>): RuleProblem[] {
  const problems: RuleProblem[] = [];
  const first = new Map<string, number>();
  (consumer.sessionTagKeys ?? []).forEach((k, ki) => {
    const earlier = first.get(k.toLowerCase());
    if (earlier !== undefined) {
      problems.push({
        path: ['sessionTagKeys', ki],
        value: k,
        rule: `repeats sessionTagKeys[${earlier}]; session tag keys are compared case-insensitively (${SESSION_TAGS_DOC})`,
      });
    } else first.set(k.toLowerCase(), ki);
  });
  return problems;
}
