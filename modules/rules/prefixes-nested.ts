/** A grant lists no prefix inside another. */
import { normalisePrefix } from './prefix';
import type { RuleProblem } from './rule';
import type { ConsumerSubject } from './subjects';

/** No prefix of `prefixes` lies inside another one (`a/b/` inside `a/`): the outer one grants it already. */
export function checkPrefixesNested(consumer: Pick<ConsumerSubject, 'prefixes'>): RuleProblem[] {
  const normalised = [...new Set((consumer.prefixes ?? []).map(normalisePrefix))];
  const problems: RuleProblem[] = [];
  normalised.forEach((p, i) => {
    const outer = normalised.find((q, j) => j !== i && p.startsWith(q) && p !== q);
    if (outer !== undefined) {
      problems.push({
        path: ['prefixes'],
        value: consumer.prefixes,
        rule: `lists "${p}" inside "${outer}", which already grants it; list only "${outer}"`,
      });
    }
  });
  return problems;
}
