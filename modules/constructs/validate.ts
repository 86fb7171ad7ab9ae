/**
 * Validation of construct props with the rules of `modules/rules/` (the config file's rules): a
 * construct checks its props when it is created, before it adds any resource, and throws a
 * {@link PropsError} naming each prop, its value and the broken rule. Values that are unresolved
 * Terraform tokens (an `IamRole`'s `arn`, a data source's account ID) are skipped: a rule cannot
 * know them before apply.
 */
import { Token } from 'cdktf';
import { formatPath, RuleCheck, RuleProblem } from '../rules/rule';
import { ConfigProblem, formatProblem } from '../config/problems';

/**
 * Thrown when a construct's props break rules. `problems` lists each one, with the prop's path
 * (`bucketName`, `options.prefixes[0]`); `message` prints them all.
 */
export class PropsError extends Error {
  /**
   * @param where the construct and its path, such as `SharedBucket App/share/bucket`
   * @param problems every broken rule, with the path of the prop
   */
  constructor(
    readonly where: string,
    readonly problems: readonly ConfigProblem[],
  ) {
    super(
      `${where}: ${problems.length} invalid prop${problems.length === 1 ? '' : 's'}\n` +
        problems.map((p) => `  - ${formatProblem(p)}`).join('\n'),
    );
    this.name = 'PropsError';
  }
}

/** True for a value a rule cannot read before apply: a string, number or list holding a token. */
function isToken(value: unknown): boolean {
  return (typeof value === 'string' || typeof value === 'number') && Token.isUnresolved(value);
}

/**
 * A copy of `value` without the unresolved tokens: a token field becomes undefined, a token element
 * of a list is left out. The rules over several fields treat an undefined field as unknown.
 */
export function withoutTokens<T>(value: T): T {
  if (isToken(value)) return undefined as T;
  if (Array.isArray(value)) return value.filter((v) => !isToken(v)).map(withoutTokens) as T;
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withoutTokens(v)])) as T;
  }
  return value;
}

/** One single-value rule on the prop at `path`; a list value is checked element by element. */
export interface ValueRule {
  /** Path of the prop in the props object, e.g. `['assumeRole', 'externalId']`. */
  readonly path: readonly PropertyKey[];
  /** The rule, from `modules/rules/`. */
  readonly check: RuleCheck;
}

function valueAt(props: unknown, path: readonly PropertyKey[]): unknown {
  let value = props;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

/**
 * The problems of single-value rules: a missing (undefined) prop and a token are skipped, a value
 * that is not a string breaks the rule "must be a string".
 */
export function valueProblems(props: unknown, rules: readonly ValueRule[]): RuleProblem[] {
  const problems: RuleProblem[] = [];
  const checkOne = (path: readonly PropertyKey[], value: unknown, check: RuleCheck) => {
    if (value === undefined || isToken(value)) return;
    const broken = typeof value === 'string' ? check(value) : 'must be a string';
    if (broken !== undefined) problems.push({ path, value, rule: broken });
  };
  for (const { path, check } of rules) {
    const value = valueAt(props, path);
    if (Array.isArray(value)) value.forEach((v, i) => checkOne([...path, i], v, check));
    else checkOne(path, value, check);
  }
  return problems;
}

/**
 * Throws a {@link PropsError} when there are problems; `rename` turns a rule's path (the config
 * file's key, such as `kmsKeyArn`) into the prop's path (`existingKmsKeyArn`).
 * @throws PropsError listing every problem
 */
export function throwIfProblems(
  where: string,
  problems: readonly RuleProblem[],
  rename: (path: readonly PropertyKey[]) => readonly PropertyKey[] = (p) => p,
): void {
  if (problems.length === 0) return;
  throw new PropsError(
    where,
    problems.map((p) => ({ path: formatPath(rename(p.path)), value: p.value, rule: p.rule })),
  );
}

/** A path renamer from a table of first keys: `{ kmsKeyArn: ['existingKmsKeyArn'] }`. */
export function renameKeys(
  table: Readonly<Record<string, readonly PropertyKey[]>>,
): (path: readonly PropertyKey[]) => readonly PropertyKey[] {
  return (path) => {
    const head = path[0];
    const to = typeof head === 'string' ? table[head] : undefined;
    return to === undefined ? path : [...to, ...path.slice(1)];
  };
}
