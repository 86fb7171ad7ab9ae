/** The vocabulary of the policy lint: rules, severities, policy kinds and findings. */

/** A check of the lint (one file each in `modules/lint/`). */
export type LintRule = 'grammar' | 'action-exists' | 'condition-key-applies';

/** `error` fails `npm run verify` and the tests; `warning` is printed only. */
export type Severity = 'error' | 'warning';

/** What a policy is attached to: it decides which grammar applies (a trust policy has no `Resource` …). */
export type PolicyKind = 'bucket' | 'key' | 'access-point' | 'trust' | 'identity';

/** What a check reports, before the runner adds where it was found and how severe it is. */
export interface CheckFinding {
  /** The check that found it. */
  readonly rule: LintRule;
  /** What is wrong, one clause (`s3:GetObjects is not an action of s3`). */
  readonly message: string;
  /**
   * Index of the statement in the policy's `Statement` list.
   * @default undefined: the finding is about the whole document (its `Version`, a missing `Statement`)
   */
  readonly statement?: number;
  /**
   * The action (as written: `s3:Get*`) the finding is about.
   * @default undefined: not about one action
   */
  readonly action?: string;
  /**
   * The condition key the finding is about.
   * @default undefined: not about a condition key
   */
  readonly key?: string;
  /**
   * Where in the document (`Statement[2].Resource[0]`), as the grammar validator names it.
   * @default undefined: see `statement`
   */
  readonly path?: string;
}

/** A finding placed in its policy, with its severity. */
export interface Finding extends CheckFinding {
  readonly severity: Severity;
  /** The policy's kind. */
  readonly kind: PolicyKind;
  /** The policy, for people: `bucket policy`, `trust policy of arn:aws:iam::…:role/x` … */
  readonly policy: string;
  /**
   * The statement's Sid.
   * @default undefined: the statement has none, or the finding is about the whole document
   */
  readonly sid?: string;
  /** True when the statement is kept from an existing policy (others' statement): it only warns. */
  readonly kept: boolean;
}

/** One policy to lint. */
export interface LintTarget {
  readonly kind: PolicyKind;
  /** The policy, for people (see {@link Finding.policy}). */
  readonly policy: string;
  /** The document, references resolved to ARNs (see `modules/verify/extract.ts`). */
  readonly document: unknown;
  /**
   * Statements kept from an existing policy (compared by content): findings in them only warn.
   * @default []: every statement is the stack's own
   */
  readonly kept?: readonly unknown[];
}
