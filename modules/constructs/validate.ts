/**
 * Validation of construct props with the rules of `modules/rules/` (the config file's rules): a
 * construct checks its props when it is created, before it adds any resource, and throws a
 * {@link PropsError} naming each prop, its value and the broken rule. Values that are unresolved
 * Terraform tokens (an `IamRole`'s `arn`, a data source's account ID) are skipped: a rule cannot
 * know them before apply.
 */
import { Aspects, Token } from 'cdktf';
import { IConstruct } from 'constructs';
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
  /**
   * Check the literal text around Terraform references too, each reference read as `x`: for props
   * that become part of an ARN, where `*${var.team}` would grant more than asked.
   * @default false: a value holding a reference is skipped
   */
  readonly literalParts?: boolean;
}

/** How cdktf encodes a string token inside a string. */
const STRING_TOKEN = /\$\{TfToken\[[^\]]*\]\}/g;

function valueAt(props: unknown, path: readonly PropertyKey[]): unknown {
  let value = props;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

/** The broken rule of one value, or undefined; a token is skipped unless its literal parts are checked. */
function brokenRule(value: unknown, rule: ValueRule): string | undefined {
  if (typeof value !== 'string') return isToken(value) ? undefined : 'must be a string';
  if (!Token.isUnresolved(value)) return rule.check(value);
  if (!rule.literalParts) return undefined;
  const literal = value.replace(STRING_TOKEN, 'x');
  if (literal === 'x' || Token.isUnresolved(literal)) return undefined;
  const broken = rule.check(literal);
  return broken === undefined ? undefined : `${broken} (checked with each Terraform reference in it read as "x")`;
}

/**
 * The problems of single-value rules: a missing (undefined) prop and a token are skipped, a value
 * that is not a string breaks the rule "must be a string", and a list that is a Terraform reference
 * is refused (each element becomes its own statements and ARNs at synth).
 */
export function valueProblems(props: unknown, rules: readonly ValueRule[]): RuleProblem[] {
  const problems: RuleProblem[] = [];
  for (const rule of rules) {
    const { path } = rule;
    const value = valueAt(props, path);
    if (value === undefined) continue;
    if (Array.isArray(value) && Token.isUnresolved(value)) {
      problems.push({
        path,
        value,
        rule: 'must be a list written in the code, not a Terraform list reference: each element becomes its own policy statements and ARNs at synth',
      });
    } else if (Array.isArray(value)) {
      value.forEach((v, i) => {
        const broken = brokenRule(v, rule);
        if (broken !== undefined) problems.push({ path: [...path, i], value: v, rule: broken });
      });
    } else {
      const broken = brokenRule(value, rule);
      if (broken !== undefined) problems.push({ path, value, rule: broken });
    }
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

/**
 * Checks over a construct's whole set of grants that must hold in every synth, even when cdktf
 * skips `node.validate()` (`skipValidation`, `Testing.synth(stack)` without validation): the
 * construct's node validation and its policy producers both ask {@link problems}, computed once
 * per state of the construct. cdktf resolves every token once before the aspects run
 * (`prepareStack`, to find cross-stack references); {@link check} waits for the aspects, so that
 * validation, when it runs after them, reports the same problems in its own format first.
 */
export class RenderGuard {
  private aspectsInvoked = false;
  private cached?: { readonly state: string; readonly problems: readonly string[] };

  /**
   * @param construct the construct whose policies are guarded (named in the error); its node
   *   validation is added here
   * @param compute the checks, as in `node.addValidation`: an empty list when all hold
   * @param state what the checks depend on that can still change (grants added, references
   *   measured), as text: the checks run again when it changes
   */
  constructor(
    private readonly construct: IConstruct,
    private readonly compute: () => readonly string[],
    private readonly state: () => string,
  ) {
    construct.node.addValidation({ validate: () => [...this.problems()] });
    Aspects.of(construct).add({
      visit: (node) => {
        if (node === construct) this.aspectsInvoked = true;
      },
    });
  }

  /** The problems of the checks for the construct's current state. */
  problems(): readonly string[] {
    const state = this.state();
    if (this.cached?.state !== state) this.cached = { state, problems: this.compute() };
    return this.cached.problems;
  }

  /**
   * Throws when the checks fail and the aspects have run.
   * @throws Error `<Construct> <path>: <problems>`
   */
  check(): void {
    if (!this.aspectsInvoked) return;
    const problems = this.problems();
    if (problems.length > 0) {
      throw new Error(`${this.construct.constructor.name} ${this.construct.node.path}: ${problems.join('; ')}`);
    }
  }
}
