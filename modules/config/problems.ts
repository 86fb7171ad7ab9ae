/** Problems of a config file: one per broken rule, with the field path and the value. */
import { formatPath } from '../rules/rule';

export { formatPath };

/** One problem in a config: where, what value, which rule. */
export interface ConfigProblem {
  /** Field path such as `stacks[0].consumers[1].accountId`. */
  readonly path: string;
  /** The value found there, printed as JSON (`(missing)` when undefined). */
  readonly value: unknown;
  /**
   * The broken rule as a sentence that follows the value, usually with the AWS documentation URL
   * it comes from.
   */
  readonly rule: string;
}

/** Thrown by `parseConfig`; `problems` lists every problem found, `message` prints them all. */
export class ConfigError extends Error {
  constructor(
    /** Where the config came from: a file path, or `default config`. */
    readonly source: string,
    /** Every problem found, in the order of the checks (at least one). */
    readonly problems: readonly ConfigProblem[],
  ) {
    super(
      `${source}: ${problems.length} problem${problems.length === 1 ? '' : 's'}\n` +
        problems.map((p) => `  - ${formatProblem(p)}`).join('\n'),
    );
    this.name = 'ConfigError';
  }
}

/** `path: value rule`, one problem as printed. */
export function formatProblem(p: ConfigProblem): string {
  return `${p.path}: ${formatValue(p.value)} ${p.rule}`;
}

function formatValue(value: unknown): string {
  if (value === undefined) return '(missing)';
  const text = JSON.stringify(value);
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}
