/** A grant lists each prefix once. */
import { normalisePrefix } from './prefix';
import type { RuleProblem } from './rule';
import type { ConsumerSubject } from './subjects';

/** Each of `prefixes` is listed once, compared as normalised (`reports` is `reports/`). */
export function checkPrefixesUnique(consumer: Pick<ConsumerSubject, 'prefixes'>): RuleProblem[] {
  const prefixes = consumer.prefixes ?? [];
  const problems: RuleProblem[] = [];
  const seen = new Map<string, number>();
  prefixes.map(normalisePrefix).forEach((p, pi) => {
    const dup = seen.get(p);
    if (dup !== undefined)
      problems.push({ path: ['prefixes', pi], value: prefixes[pi], rule: `repeats prefixes[${dup}]` });
    seen.set(p, pi);
  });
  return problems;
}
