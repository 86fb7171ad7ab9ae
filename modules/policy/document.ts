/**
 * IAM policy documents as plain data: the types every other policy module builds,
 * and the one place that renders them to the JSON string AWS receives.
 *
 * Grammar: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html
 */

/** The only policy language version AWS accepts for current features. */
export const POLICY_VERSION = '2012-10-17';

/**
 * A principal as it appears in a resource or trust policy: `*` (anyone, narrowed by conditions),
 * or AWS principals and service principals.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html
 */
export type Principal =
  | '*'
  | {
      /**
       * Account, role or user ARNs (`arn:aws:iam::111111111111:root`, `…:role/Name`), or account IDs.
       * @default undefined: no AWS principal
       */
      readonly AWS?: string | string[];
      /**
       * Service principals such as `lambda.amazonaws.com`.
       * @default undefined: no service principal
       */
      readonly Service?: string | string[];
    };

/** Condition block: operator → condition key → value(s). */
export type Conditions = Record<string, Record<string, string | string[]>>;

/** `a` and `b` together: `a`'s operators first, the keys of an operator both have merged (`b`'s win). */
export function mergeConditions(a: Conditions, b: Conditions): Conditions {
  const merged: Conditions = { ...a };
  for (const [op, keys] of Object.entries(b)) merged[op] = { ...(merged[op] ?? {}), ...keys };
  return merged;
}

/** One policy statement, with AWS's own field names so the rendered JSON is what AWS reads. */
export interface Statement {
  /** Statement ID: letters and digits only, so it is valid in identity and resource policies alike. */
  readonly Sid: string;
  /** Whether the statement allows or denies; an explicit Deny wins over any Allow. */
  readonly Effect: 'Allow' | 'Deny';
  /**
   * Present in resource and trust policies, absent in identity policies.
   * @default undefined: an identity policy's statement (the principal is the policy's holder)
   */
  readonly Principal?: Principal;
  /**
   * The actions; every statement has `Action` or `NotAction`.
   * @default undefined: the statement has `NotAction`
   */
  readonly Action?: string | string[];
  /**
   * Every action but these (a Deny that confines a principal, see `confinementStatements`).
   * @default undefined: the statement has `Action`
   */
  readonly NotAction?: string | string[];
  /**
   * The resource ARNs (`*` in a key policy: the key itself).
   * @default undefined: the statement has `NotResource`, or is a trust policy's (the role itself)
   */
  readonly Resource?: string | string[];
  /**
   * Everything but these resources (a Deny that confines a principal, see `confinementStatements`).
   * @default undefined: the statement has `Resource`, or is a trust policy's
   */
  readonly NotResource?: string | string[];
  /**
   * Conditions that must all hold for the statement to apply.
   * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition.html
   * @default undefined: no conditions
   */
  readonly Condition?: Conditions;
}

/** A complete policy document. */
export interface PolicyDocument {
  /**
   * The policy language version, always `2012-10-17`.
   * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_version.html
   */
  readonly Version: typeof POLICY_VERSION;
  /** The statements, in order. */
  readonly Statement: Statement[];
}

/**
 * Wraps statements in a document.
 * @throws Error when two statements share a Sid (AWS rejects that); statements without a Sid are not compared
 */
export function policyDocument(statements: readonly Statement[]): PolicyDocument {
  const seen = new Set<string>();
  for (const s of statements) {
    // A current policy's statements may have no Sid (see current.ts).
    if (s.Sid === undefined) continue;
    if (seen.has(s.Sid)) {
      throw new Error(`Policy statement Sid "${s.Sid}" is used twice; Sids must be unique within a policy.`);
    }
    seen.add(s.Sid);
  }
  return { Version: POLICY_VERSION, Statement: [...statements] };
}

/**
 * Renders a document as the compact JSON string placed in the Terraform output.
 * Strings may contain Terraform references such as `${aws_kms_key.bucket_key.arn}`;
 * Terraform interpolates them when it reads the JSON configuration.
 */
export function renderPolicy(doc: PolicyDocument): string {
  return JSON.stringify(doc);
}

/** Turns a single-element list into its element, as AWS prints policies, and keeps lists otherwise. */
export function oneOrMany(values: readonly string[]): string | string[] {
  return values.length === 1 ? values[0] : [...values];
}

/**
 * The `AWS` value of a principal naming one ARN or several: the ARN itself for one (as AWS prints
 * it), else the list without repeats, in order.
 */
export function principalArns(arns: string | readonly string[]): string | string[] {
  return typeof arns === 'string' ? arns : oneOrMany([...new Set(arns)]);
}

/**
 * Makes a value usable inside a Sid: `workload-a` → `WorkloadA`.
 * Sids in identity policies allow only ASCII letters and digits.
 */
export function sidPart(name: string): string {
  return name
    .split(/[^A-Za-z0-9]+/)
    .filter((p) => p.length > 0)
    .map((p) => p[0].toUpperCase() + p.slice(1))
    .join('');
}

function statementPrincipalArns(s: Statement): string[] | undefined {
  if (s.Principal === undefined || s.Principal === '*' || s.Principal.Service !== undefined) return undefined;
  const aws = s.Principal.AWS;
  return aws === undefined ? undefined : typeof aws === 'string' ? [aws] : aws;
}

function asList(v: string | string[] | undefined): string[] {
  return v === undefined ? [] : typeof v === 'string' ? [v] : v;
}

/** Everything of a statement but its Sid and the one field that may differ. */
function keyWithout(s: Statement, field: 'Principal' | 'Resource'): string {
  const copy: Record<string, unknown> = { ...s };
  delete copy.Sid;
  delete copy[field];
  return JSON.stringify(copy);
}

function mergeBy(statements: readonly Statement[], field: 'Principal' | 'Resource'): Statement[] {
  const groups = new Map<string, Statement[]>();
  const order: string[] = [];
  statements.forEach((s, i) => {
    const mergeable = field === 'Principal' ? statementPrincipalArns(s) !== undefined : s.Resource !== undefined;
    const key = mergeable ? `${field}|${keyWithout(s, field)}` : `single|${i}`;
    if (!groups.has(key)) {
      groups.set(key, []);
      order.push(key);
    }
    groups.get(key)!.push(s);
  });
  return order.map((key) => {
    const group = groups.get(key)!;
    if (group.length === 1) return group[0];
    const sid = `${group[0].Sid}And${group.length - 1}More`;
    if (field === 'Principal') {
      const arns = [...new Set(group.flatMap((s) => statementPrincipalArns(s)!))];
      return { ...group[0], Sid: sid, Principal: { AWS: oneOrMany(arns) } };
    }
    const resources = [...new Set(group.flatMap((s) => asList(s.Resource)))];
    return { ...group[0], Sid: sid, Resource: oneOrMany(resources) };
  });
}

/**
 * Merges statements that differ only in their AWS principals (one statement, a list of
 * principals), then those that differ only in their resources (a list of resources). The result
 * grants exactly the same: a statement applies when any listed principal and any listed resource
 * match. The first statement of a merged group keeps its place; its Sid gets `And<N>More`.
 * Keeps many grants within the size limit of a bucket or key policy.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html
 */
export function mergeStatements(statements: readonly Statement[]): Statement[] {
  return mergeBy(mergeBy(statements, 'Principal'), 'Resource');
}
