/**
 * What every rule shares: a single-value check returns the broken rule as text; a rule over
 * several fields returns {@link RuleProblem}s whose paths are relative to its subject. The config
 * layer and the constructs call the same rules; each caller says where the subject sits.
 */

/** A rule check: the broken rule as text, or undefined. */
export type RuleCheck = (value: string) => string | undefined;

/** One broken rule: where in the subject, the value found there, and the rule as a sentence. */
export interface RuleProblem {
  /** Path relative to the rule's subject, e.g. `['kmsKeyArn']` or `['prefixes', 2]`. */
  readonly path: readonly PropertyKey[];
  /** The value found at {@link RuleProblem.path} (undefined when the field is missing). */
  readonly value: unknown;
  /**
   * The broken rule as a sentence that follows the value, e.g. `must be a string of exactly 12
   * digits (<AWS documentation URL>)`.
   */
  readonly rule: string;
}

/**
 * Where a rule's subject sits in what the caller validates (`['stacks', 0]` in a config file), for
 * messages that name another field by its full path.
 */
export interface RuleLocation {
  /**
   * Path of the subject from the root of what the caller validates.
   * @default [] (the subject is the root: other fields are named by paths relative to it)
   */
  readonly at?: readonly PropertyKey[];
}

/** `["stacks", 0, "owner"]` → `stacks[0].owner`; the empty path is `(file)`. */
export function formatPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return '(file)';
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i === 0 ? '' : '.'}${String(p)}`)).join('');
}
