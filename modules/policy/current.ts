/**
 * Policies this stack did not write: the current bucket or key policy of an existing resource,
 * read from a file, and merged with the stack's statements so that nothing already granted is lost.
 */
import { POLICY_VERSION, Statement } from './document';

/**
 * A statement of a current policy, kept exactly as it is: any element of the policy grammar
 * (NotPrincipal, NotAction, policy variables …) and possibly no Sid.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html
 */
export type CurrentStatement = Statement & Record<string, unknown>;

/** A current policy as read from its file. */
export interface CurrentPolicy {
  /** The file it came from, for messages. */
  readonly source: string;
  readonly statements: readonly CurrentStatement[];
}

/**
 * Parses the text of a current policy (what `aws s3api get-bucket-policy --query Policy --output
 * text` or `aws kms get-key-policy --policy-name default --query Policy --output text` prints).
 * @returns the statements, or the rule the text breaks
 */
export function parseCurrentPolicy(text: string): { statements?: CurrentStatement[]; broken?: string } {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    return { broken: `is not valid JSON: ${(e as Error).message}` };
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    return { broken: 'must hold a policy document: an object with "Version" and "Statement"' };
  }
  const doc = data as Record<string, unknown>;
  if (doc.Version !== POLICY_VERSION) {
    return {
      broken: `has "Version": ${JSON.stringify(doc.Version)}; the merged policy is written with "${POLICY_VERSION}", whose policy variables and grammar may read the current statements differently, so only "${POLICY_VERSION}" policies are merged (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_version.html)`,
    };
  }
  const raw = Array.isArray(doc.Statement) ? doc.Statement : doc.Statement === undefined ? [] : [doc.Statement];
  for (const [i, s] of raw.entries()) {
    if (s === null || typeof s !== 'object' || Array.isArray(s)) {
      return { broken: `has Statement[${i}], which is not an object` };
    }
    const effect = (s as Record<string, unknown>).Effect;
    if (effect !== 'Allow' && effect !== 'Deny') {
      return { broken: `has Statement[${i}] with "Effect": ${JSON.stringify(effect)}; it must be "Allow" or "Deny"` };
    }
  }
  return { statements: raw as CurrentStatement[] };
}

/** JSON with object keys sorted: equal for statements that differ only in key order. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * The current statements, in their order and unchanged (but escaped for Terraform, see
 * {@link escapeForTerraform}), followed by the stack's statements. A
 * stack statement whose Sid a current statement already has is dropped when both are the same
 * statement (the current policy already holds it, e.g. from an earlier deploy) and is a conflict
 * otherwise.
 * @returns the merged statements and one message per conflicting Sid
 */
export function mergeWithCurrent(
  current: CurrentPolicy | undefined,
  ours: readonly Statement[],
): { statements: Statement[]; conflicts: string[] } {
  if (current === undefined) return { statements: [...ours], conflicts: [] };
  const bySid = new Map<string, CurrentStatement>();
  for (const s of current.statements) if (typeof s.Sid === 'string') bySid.set(s.Sid, s);
  const conflicts: string[] = [];
  const added: Statement[] = [];
  for (const s of ours) {
    const same = bySid.get(s.Sid);
    if (same === undefined) added.push(s);
    else if (canonical(same) !== canonical(s)) {
      conflicts.push(
        `${current.source}: statement Sid "${s.Sid}" is also a Sid of this stack's statements, with other content; rename the current statement, or remove it if an earlier deploy of this stack wrote it`,
      );
    }
  }
  return { statements: [...current.statements.map(escapeForTerraform), ...added], conflicts };
}

/**
 * A current statement made safe to place in Terraform JSON: `${` and `%{` (policy variables such
 * as `${aws:username}`) are escaped as `$${` and `%%{`, so Terraform passes them through literally.
 * https://developer.hashicorp.com/terraform/language/expressions/strings#escape-sequences
 */
export function escapeForTerraform(statement: CurrentStatement): CurrentStatement {
  const walk = (v: unknown): unknown =>
    typeof v === 'string'
      ? v.replace(/\$\{/g, () => '$${').replace(/%\{/g, () => '%%{')
      : Array.isArray(v)
        ? v.map(walk)
        : v !== null && typeof v === 'object'
          ? Object.fromEntries(Object.entries(v).map(([k, x]) => [walk(k) as string, walk(x)]))
          : v;
  return walk(statement) as CurrentStatement;
}
