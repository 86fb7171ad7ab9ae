/** Stack names are unique across entries. */
import { entryStackNames } from './derived-names';
import type { RuleProblem } from './rule';
import type { ConfigSubject, ConsumerSubject } from './subjects';

/**
 * The stacks the entries synthesize have unique names, compared case-insensitively (they name
 * folders and state files): an entry's name, or when split `<name>-owner` and `<name>-<account>`.
 * One problem per entry, at its `name`.
 */
export function checkUniqueStackNames(config: ConfigSubject): RuleProblem[] {
  const problems: RuleProblem[] = [];
  const stackNames = new Map<string, { si: number; generated: boolean }>();
  config.stacks.forEach((stack, si) => {
    if (stack.name === undefined) return;
    const consumers = stack.consumers.filter((c): c is ConsumerSubject => c !== undefined);
    const names = entryStackNames({ name: stack.name, split: stack.split, consumers });
    for (const name of [names.owner, ...new Set(names.consumers.values())]) {
      const first = stackNames.get(name.toLowerCase());
      if (first !== undefined) {
        const mine = name === stack.name ? 'is already' : `gives the split stack name "${name}", which is already`;
        const theirs = first.generated
          ? `the name of a split stack of stacks[${first.si}]`
          : `the name of stacks[${first.si}]`;
        problems.push({
          path: ['stacks', si, 'name'],
          value: stack.name,
          rule: `${mine} ${theirs} (names are compared case-insensitively: they name folders and state files); stack names must be unique`,
        });
        break;
      }
      stackNames.set(name.toLowerCase(), { si, generated: name !== stack.name });
    }
  });
  return problems;
}
