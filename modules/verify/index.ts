/** Offline proof of access: every stack's matrix evaluated against its synthesized policies. */
import type { ConfigModel, StackModel } from '../config/schema';
import { extractPolicies, policiesOf } from './extract';
import { Check, accessMatrix } from './matrix';
import { Decision, SimulateOptions, simulate } from './simulate';

/** A row with its verdict. */
export interface CheckResult {
  /** The row, with the expectation it was judged by (for `expectAsUnder` rows, the reference's verdict). */
  readonly check: Check;
  /**
   * The engine's verdict; for access-points rows, both legs' combined (an explicit deny in
   * either wins).
   * @default undefined: an inventory row, or the engine gave no verdict (see `problems`)
   */
  readonly decision?: Decision;
  /** Validation errors or dropped context keys: such a row fails whatever the verdict. */
  readonly problems: string[];
  /** True when the verdict matches the expectation and the engine had no problem. */
  readonly ok: boolean;
}

/**
 * Access-points mode: both legs must allow; an explicit deny in either wins. Otherwise the row's
 * own verdict.
 */
async function combined(check: Check, options: SimulateOptions): Promise<{ decision?: Decision; problems: string[] }> {
  const front = await simulate(check, options);
  if (check.bucketLeg === undefined) return front;
  const back = await simulate(check.bucketLeg, options);
  const problems = [...front.problems, ...back.problems.map((p) => `bucket policy: ${p}`)];
  if (front.decision === undefined || back.decision === undefined) return { problems };
  const decisions = [front.decision, back.decision];
  const decision: Decision = decisions.includes('ExplicitlyDenied')
    ? 'ExplicitlyDenied'
    : decisions.every((d) => d === 'Allowed')
      ? 'Allowed'
      : 'ImplicitlyDenied';
  return { decision, problems };
}

/** The check with its expectation: its own, or what {@link Check.expectAsUnder} decides. */
async function expectation(check: Check, options: SimulateOptions): Promise<{ check: Check; problems: string[] }> {
  if (check.expectAsUnder === undefined) return { check, problems: [] };
  const reference = await simulate({ ...check, resourcePolicy: check.expectAsUnder }, options);
  return {
    check: { ...check, expect: reference.decision === 'Allowed' ? 'allow' : 'deny' },
    problems: reference.problems.map((p) => `reference policy: ${p}`),
  };
}

/**
 * Evaluates a list of checks with `@cloud-copilot/iam-simulate`, one after the other.
 * @param options the engine's options (see {@link SimulateOptions})
 * @returns one result per check, in the same order
 */
export async function evaluate(checks: readonly Check[], options: SimulateOptions = {}): Promise<CheckResult[]> {
  const results: CheckResult[] = [];
  for (const check of checks) {
    if (check.inventory !== undefined) {
      const { expected, found } = check.inventory;
      const unexpected = found.filter((f) => !expected.includes(f));
      const missing = expected.filter((e) => !found.includes(e));
      const problems = [
        ...(unexpected.length > 0 ? [`names principals nobody asked for: ${unexpected.join(', ')}`] : []),
        ...(missing.length > 0 ? [`lacks: ${missing.join(', ')}`] : []),
      ];
      results.push({ check, problems, ok: problems.length === 0 });
      continue;
    }
    const expected = await expectation(check, options);
    const { decision, problems } = await combined(expected.check, options);
    const matches =
      expected.check.expect === 'allow' ? decision === 'Allowed' : decision !== undefined && decision !== 'Allowed';
    results.push({
      check: expected.check,
      decision,
      problems: [...expected.problems, ...problems],
      ok: matches && problems.length === 0 && expected.problems.length === 0,
    });
  }
  return results;
}

/**
 * Verifies one stack from its synthesized JSON (already parsed).
 * @throws Error (the promise rejects) when the JSON holds what verify cannot evaluate (see `policiesOf`)
 */
export async function verifyStackJson(
  json: object,
  model: StackModel,
  options: SimulateOptions = {},
): Promise<CheckResult[]> {
  return evaluate(accessMatrix(model, policiesOf(json, model)), options);
}

/**
 * Verifies every stack of a config from `<outdir>/stacks/<name>/cdk.tf.json`.
 * @throws Error (the promise rejects) when a stack's file is missing or unreadable (synthesize first, with the same
 * config), or holds what verify cannot evaluate
 */
export async function verifyStacks(
  outdir: string,
  config: ConfigModel,
  options: SimulateOptions = {},
): Promise<CheckResult[]> {
  let results: CheckResult[] = [];
  for (const model of config.stacks) {
    // concat, not push(...): a stack of a few hundred consumers has more checks than a call's arguments may hold.
    results = results.concat(await evaluate(accessMatrix(model, extractPolicies(outdir, model)), options));
  }
  return results;
}
